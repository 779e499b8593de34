import { Auth0If } from '../if/if.component.js';
import { attachContextRoot } from '../internal/context-root.js';

// Defines <auth0-if> once: a second copy of the kit on the same page finds it defined and moves on.
attachContextRoot();
if (!customElements.get('auth0-if')) customElements.define('auth0-if', Auth0If);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-if': Auth0If;
  }
}

export { Auth0If };
