import { Auth0User } from '../user/user.component.js';
import { attachContextRoot } from '../internal/context-root.js';

// Written out so that the manifest analyzer sees the tag. Defined once: a second copy of the kit on
// the page finds the name taken and moves on; without a registry (Node, no DOM shim) it is skipped.
attachContextRoot();
if (globalThis.customElements && !customElements.get('auth0-user')) customElements.define('auth0-user', Auth0User);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-user': Auth0User;
  }
}

export { Auth0User };
