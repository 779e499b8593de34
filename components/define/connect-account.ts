import { Auth0ConnectAccount } from '../connect-account/connect-account.component.js';
import { attachContextRoot } from '../internal/context-root.js';

// Defines <auth0-connect-account> once: a second copy of the kit on the same page finds it defined and moves on.
attachContextRoot();
if (!customElements.get('auth0-connect-account')) customElements.define('auth0-connect-account', Auth0ConnectAccount);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-connect-account': Auth0ConnectAccount;
  }
}

export { Auth0ConnectAccount };
export type { Auth0AccountConnectedDetail } from '../connect-account/connect-account.component.js';
