import { Auth0ConnectAccount } from '../connect-account/connect-account.component.js';
import { defineOnce } from '../internal/define.js';

defineOnce('auth0-connect-account', Auth0ConnectAccount);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-connect-account': Auth0ConnectAccount;
  }
}

export { Auth0ConnectAccount };
export type { Auth0AccountConnectedDetail } from '../connect-account/connect-account.component.js';
