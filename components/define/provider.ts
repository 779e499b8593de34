import { Auth0Provider } from '../provider/provider.component.js';
import { attachContextRoot } from '../internal/context-root.js';

// Written out so that the manifest analyzer sees the tag. Defined once: a second copy of the kit on
// the page finds the name taken and moves on; without a registry (Node, no DOM shim) it is skipped.
attachContextRoot();
if (globalThis.customElements && !customElements.get('auth0-provider')) customElements.define('auth0-provider', Auth0Provider);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-provider': Auth0Provider;
  }
}

export { Auth0Provider };
