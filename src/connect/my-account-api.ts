// Auth0's My Account API, connected-accounts part: the two calls of the connect flow. Requests go
// through a fetcher (`createFetcher`), so the token is the user's for the `<domain>/me/` audience
// and, with `useDpop`, DPoP-bound with a fresh proof on every call (RFC 9449 §7.1).
import { mergeParams, type ClientContext } from '../client-context.js';
import { GenericError, MyAccountApiError, TimeoutError } from '../errors.js';
import type { Fetcher, FetcherConfig } from '../fetcher.js';
import type { AuthorizationParams } from '../options.js';
import { tokenFromIframe } from '../token-acquisition.js';
import type { GetTokenSilentlyOptions, GetTokenSilentlyVerboseResponse } from '../types.js';
import type { ConnectApi } from './connect-account.js';

/** `POST /me/v1/connected-accounts/connect`. */
export interface ConnectRequest {
  connection: string;
  scopes?: string[];
  redirect_uri: string;
  state: string;
  code_challenge: string;
  code_challenge_method: 'S256';
  authorization_params?: AuthorizationParams;
}

/** Where to send the browser (`connect_uri?ticket=…`) and the session `complete` refers to. */
export interface ConnectResponse {
  connect_uri: string;
  auth_session: string;
  connect_params: { ticket: string };
  expires_in: number;
}

/** `POST /me/v1/connected-accounts/complete`. */
export interface CompleteRequest {
  auth_session: string;
  connect_code: string;
  redirect_uri: string;
  code_verifier: string;
}

/** The connected account, as the My Account API describes it. */
export interface CompleteResponse {
  id: string;
  connection: string;
  access_type: 'offline';
  scopes?: string[];
  created_at: string;
  expires_at?: string;
}

/** An answer read to the end within the deadline: what the fetcher's custom `fetch` returns. */
export interface ApiAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** The scope both calls need. */
export const CONNECT_SCOPE = 'create:me:connected_accounts';

/** Where the My Account API's DPoP nonces are kept (the SPA SDK's id). */
export const MY_ACCOUNT_NONCE_ID = '__auth0_my_account_api__';

/** The My Account API's identifier and base URL for a tenant: `<domainUrl>/me/`. */
export const myAccountAudience = (domainUrl: string): string => `${domainUrl}/me/`;

/**
 * A `fetch` for the fetcher that reads the whole answer within `timeoutMs`.
 * @throws TimeoutError past the deadline; GenericError `network_error` when no answer came.
 */
export const timedFetch = (timeoutMs: number) => async (request: Request): Promise<ApiAnswer> => {
  try {
    const response = await fetch(request, { signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, headers: response.headers, text: await response.text() };
  } catch (cause) {
    throw (cause as Error).name === 'TimeoutError' ? new TimeoutError() : new GenericError('network_error', `${request.url}: ${(cause as Error).message}`);
  }
};

/**
 * `POST <domainUrl>/me/v1/connected-accounts/<path>` with a JSON body, through `fetcher`.
 * @throws MyAccountApiError with the problem details (RFC 9457) of an error answer; `type`
 *   `invalid_response` when the answer is not a JSON object.
 */
export async function myAccountPost<T>(fetcher: Fetcher<ApiAnswer>, domainUrl: string, path: 'connect' | 'complete', body: object): Promise<T> {
  const url = `${myAccountAudience(domainUrl)}v1/connected-accounts/${path}`;
  const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const { status, text } = await fetcher.fetchWithAuth(url, init, { scope: CONNECT_SCOPE });
  let data: any;
  try {
    data = JSON.parse(text);
  } catch {
    // reported below
  }
  const object = data !== null && typeof data === 'object' && !Array.isArray(data);
  if (status < 200 || status > 299 || !object) {
    throw new MyAccountApiError({ type: 'invalid_response', title: 'Unexpected response', detail: `HTTP ${status}`, ...(object ? data : null), status });
  }
  return data;
}

/** What the connect calls need of the client: its public token and fetcher calls. */
interface ConnectClient {
  createFetcher<T extends ApiAnswer>(config: FetcherConfig<T>): Fetcher<T>;
  getTokenSilently(options: GetTokenSilentlyOptions & { detailedResponse: true }): Promise<GetTokenSilentlyVerboseResponse>;
}

/**
 * The connect flow's two calls on a fetcher with the client's My Account API token
 * (`Authorization: DPoP` and a proof with `useDpop`).
 * @param afterRedirect back from the consent page: a token may come from the tenant session
 */
export function connectApi(client: ConnectClient, ctx: ClientContext, afterRedirect: boolean): ConnectApi {
  const { domainUrl } = ctx.options;
  const authorizationParams = { audience: myAccountAudience(domainUrl), scope: CONNECT_SCOPE };
  const fetcher = client.createFetcher<ApiAnswer>({
    dpopNonceId: MY_ACCOUNT_NONCE_ID,
    detailedResponse: true,
    fetch: timedFetch(ctx.options.httpTimeoutInSeconds * 1000),
    getAccessToken: async () => {
      try {
        return await client.getTokenSilently({ authorizationParams, detailedResponse: true });
      } catch (e) {
        // Back from the consent page in memory mode, the refresh token died with the previous
        // page's worker: the tenant session gives the token instead (silent iframe, bound by
        // dpop_jkt), so that finishing a connect never needs a new login.
        if (!afterRedirect || (e as GenericError).error !== 'missing_refresh_token') throw e;
        return tokenFromIframe(ctx, mergeParams(ctx, authorizationParams));
      }
    },
  });
  return {
    connect: (body) => myAccountPost(fetcher, domainUrl, 'connect', body),
    complete: (body) => myAccountPost(fetcher, domainUrl, 'complete', body),
  };
}
