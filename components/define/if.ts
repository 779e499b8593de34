import { Auth0If } from '../if/if.component.js';
import { attachContextRoot } from '../internal/context-root.js';

// Written out so that the manifest analyzer sees the tag. Defined once: a second copy of the kit on
// the page finds the name taken and moves on; without a registry (Node, no DOM shim) it is skipped.
attachContextRoot();
if (globalThis.customElements && !customElements.get('auth0-if')) customElements.define('auth0-if', Auth0If);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-if': Auth0If;
  }
}

export { Auth0If };
