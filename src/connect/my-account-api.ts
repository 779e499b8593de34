// Auth0's My Account API, connected-accounts part: the two calls of the connect flow. Requests go
// through a fetcher (`createFetcher`), so the token is the user's for the `<domain>/me/` audience
// and, with `useDpop`, DPoP-bound with a fresh proof on every call (RFC 9449 §7.1).
import { GenericError, MyAccountApiError, TimeoutError } from '../errors.js';
import type { Fetcher } from '../fetcher.js';
import type { AuthorizationParams } from '../options.js';

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
export function timedFetch(timeoutMs: number): (request: Request) => Promise<ApiAnswer> {
  return async (request) => {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const response = await fetch(request, { signal: controller.signal });
      return { status: response.status, headers: response.headers, text: await response.text() };
    } catch (cause) {
      if (timedOut) throw new TimeoutError();
      throw new GenericError('network_error', `Request to ${new URL(request.url).pathname} failed: ${(cause as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The connected-accounts calls of the My Account API, on a fetcher that attaches the user's token. */
export class MyAccountApi {
  readonly #base: string;
  readonly #fetcher: Fetcher<ApiAnswer>;

  constructor(domainUrl: string, fetcher: Fetcher<ApiAnswer>) {
    this.#base = `${myAccountAudience(domainUrl)}v1/connected-accounts/`;
    this.#fetcher = fetcher;
  }

  /** Starts a connect transaction: a ticket for the upstream provider's consent page. */
  connect(request: ConnectRequest): Promise<ConnectResponse> {
    return this.#post('connect', request);
  }

  /** Trades the `connect_code` (with the PKCE verifier) for the connected account. */
  complete(request: CompleteRequest): Promise<CompleteResponse> {
    return this.#post('complete', request);
  }

  /**
   * @throws MyAccountApiError with the problem details (RFC 9457) of an error answer, or `type`
   *   `invalid_json` when the body is not JSON.
   */
  async #post<T>(path: string, body: object): Promise<T> {
    const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
    const answer = await this.#fetcher.fetchWithAuth(this.#base + path, init, { scope: CONNECT_SCOPE });
    let data: any;
    try {
      data = JSON.parse(answer.text);
    } catch {
      throw new MyAccountApiError({ type: 'invalid_json', status: answer.status, title: 'Invalid JSON response', detail: answer.text.slice(0, 200) });
    }
    const object = data !== null && typeof data === 'object' && !Array.isArray(data);
    if (answer.status < 200 || answer.status >= 300 || !object) {
      const fallback = { type: 'invalid_response', title: 'Unexpected response', detail: `HTTP ${answer.status}` };
      throw new MyAccountApiError({ ...fallback, ...(object ? data : null), status: answer.status });
    }
    return data as T;
  }
}
