// What `auth0-redirect-callback` tells the page: `{appState}` after a login; after a connect
// redirect (`connectAccountWithRedirect`) also the connected account's connection and scopes.
import type { ConnectAccountRedirectResult, RedirectLoginResult } from '../../src/index.js';
import type { Auth0RedirectCallbackDetail } from '../events.js';

declare module '../events.js' {
  interface Auth0RedirectCallbackDetail {
    /** After a connect redirect: the connection of the account now connected. */
    connection?: string;
    /** After a connect redirect: the scopes the connected account granted. */
    scopes?: string[];
  }
}

/** The event detail for a `handleRedirectCallback` result (never a token: the result has none). */
export function callbackDetail(result: RedirectLoginResult | ConnectAccountRedirectResult | undefined): Auth0RedirectCallbackDetail {
  if (result?.response_type !== 'connect_code') return { appState: result?.appState };
  const { appState, connection, scopes } = result as ConnectAccountRedirectResult;
  return { appState, connection, scopes: scopes ?? [] };
}
