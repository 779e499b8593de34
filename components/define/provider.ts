import { Auth0Provider } from '../provider/provider.component.js';
import { attachContextRoot } from '../internal/context-root.js';

// Defines <auth0-provider> once: a second copy of the kit on the same page finds it defined and moves on.
attachContextRoot();
if (!customElements.get('auth0-provider')) customElements.define('auth0-provider', Auth0Provider);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-provider': Auth0Provider;
  }
}

export { Auth0Provider };
