// The connected-accounts flow (Token Vault): start at the My Account API with PKCE and `state`,
// send the browser to the upstream provider's consent page, and on the way back check `state` and
// trade the `connect_code` for the connected account. The same shape as a login redirect
// (RFC 6749 §4.1 with RFC 7636), with the My Account API in the authorization server's place.
import { ConnectError, GenericError } from '../errors.js';
import type { AuthorizationParams } from '../options.js';
import { createPkcePair } from '../pkce.js';
import { randomString } from '../random.js';
import type { ConnectTransaction } from '../transaction-store.js';
import type { CompleteResponse, ConnectRequest, ConnectResponse, CompleteRequest } from './my-account-api.js';

/** The My Account API's two calls, as the client makes them (with the user's token). */
export interface ConnectApi {
  connect(request: ConnectRequest): Promise<ConnectResponse>;
  complete(request: CompleteRequest): Promise<CompleteResponse>;
}

/** `connectAccountWithRedirect(options)`. */
export interface RedirectConnectAccountOptions<TAppState = any> {
  /** The connection to link, e.g. `google-oauth2`. */
  connection: string;
  /** Scopes to ask the upstream provider for, e.g. `['https://www.googleapis.com/auth/calendar.readonly']`. */
  scopes?: string[];
  /** More parameters for the upstream provider's authorization request. */
  authorizationParams?: AuthorizationParams;
  /** The SPA SDK's spelling of `authorizationParams`; used when that is not given. */
  authorization_params?: AuthorizationParams;
  /** Where to come back to. Default: the client's `authorizationParams.redirect_uri`, else this page's origin. */
  redirectUri?: string;
  /** Saved with the transaction and returned by `handleRedirectCallback`; never sent anywhere. */
  appState?: TAppState;
  /** Replaces `window.location.assign(url)`. */
  openUrl?: (url: string) => void | Promise<void>;
}

/** What `handleRedirectCallback` returns for a connect callback: the connected account and `appState`. */
export type ConnectAccountRedirectResult<TAppState = any> = CompleteResponse & {
  appState?: TAppState;
  response_type: 'connect_code';
};

const fail = (what: string): never => {
  throw new TypeError(`connectAccountWithRedirect: ${what}`);
};

/**
 * Asks the My Account API for a connect ticket and returns the consent URL
 * (`connect_uri?ticket=…`) with the transaction to keep until the callback.
 * @throws TypeError naming a malformed option; MyAccountApiError (e.g. `connection_not_found`).
 */
export async function startConnect(
  api: ConnectApi,
  options: RedirectConnectAccountOptions,
  defaultRedirectUri: string,
): Promise<{ url: string; transaction: ConnectTransaction }> {
  const { connection, scopes, appState } = options ?? ({} as RedirectConnectAccountOptions);
  if (typeof connection !== 'string' || !connection) fail('`connection` is required (e.g. "google-oauth2")');
  if (scopes !== undefined && (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string'))) fail('`scopes` must be an array of strings');
  const redirect_uri = options.redirectUri ?? defaultRedirectUri;
  const state = randomString();
  const { code_verifier, code_challenge } = await createPkcePair();
  const authorization_params = options.authorizationParams ?? options.authorization_params;
  const answer = await api.connect({
    connection,
    ...(scopes ? { scopes } : null),
    redirect_uri,
    state,
    code_challenge,
    code_challenge_method: 'S256',
    ...(authorization_params ? { authorization_params } : null),
  });
  const url = URL.parse(answer.connect_uri)!;
  if (!/^https?:$/.test(url?.protocol) || !answer.auth_session || !answer.connect_params?.ticket) {
    throw new GenericError('invalid_response', 'connect answered without connect_uri, ticket or auth_session');
  }
  url.searchParams.set('ticket', answer.connect_params.ticket);
  return {
    url: url.href,
    transaction: { response_type: 'connect_code', state, code_verifier, auth_session: answer.auth_session, redirect_uri, connection, appState },
  };
}

/**
 * Finishes a connect redirect: `state` must be the transaction's (checked first, so a forged
 * answer learns nothing), an `error` answer is a ConnectError, and the `connect_code` goes to
 * `complete` with the PKCE verifier.
 * @throws GenericError `state_mismatch`, `missing_connect_code`; ConnectError with `connection`,
 *   `state` and `appState`; MyAccountApiError (e.g. `invalid_code_verifier`).
 */
export async function finishConnect<TAppState>(
  api: ConnectApi,
  query: URLSearchParams,
  transaction: ConnectTransaction,
): Promise<ConnectAccountRedirectResult<TAppState>> {
  const [connect_code, state, error] = ['connect_code', 'state', 'error'].map((name) => query.get(name) ?? undefined);
  if (!transaction.code_verifier || !transaction.auth_session || transaction.state !== state) {
    throw new GenericError('state_mismatch', 'Invalid state');
  }
  if (error) throw new ConnectError(error, query.get('error_description') || error, transaction.connection, state, transaction.appState);
  if (!connect_code) throw new GenericError('missing_connect_code', 'Missing connect code');
  const account = await api.complete({
    auth_session: transaction.auth_session,
    connect_code,
    redirect_uri: transaction.redirect_uri,
    code_verifier: transaction.code_verifier,
  });
  return { ...account, appState: transaction.appState, response_type: 'connect_code' };
}
