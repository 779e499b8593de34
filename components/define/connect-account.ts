import { Auth0ConnectAccount } from '../connect-account/connect-account.component.js';
import { attachContextRoot } from '../internal/context-root.js';

// Written out so that the manifest analyzer sees the tag. Defined once: a second copy of the kit on
// the page finds the name taken and moves on; without a registry (Node, no DOM shim) it is skipped.
attachContextRoot();
if (globalThis.customElements && !customElements.get('auth0-connect-account')) customElements.define('auth0-connect-account', Auth0ConnectAccount);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-connect-account': Auth0ConnectAccount;
  }
}

export { Auth0ConnectAccount };
export type { Auth0AccountConnectedDetail } from '../connect-account/connect-account.component.js';
