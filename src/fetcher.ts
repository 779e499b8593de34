// `createFetcher().fetchWithAuth()`: `fetch` with the access token attached — `Authorization: DPoP`
// plus a fresh proof for DPoP-bound tokens (RFC 9449 §7.1), `Bearer` otherwise (RFC 6750 §2.1) —
// and the resource server's nonces stored and retried on (RFC 9449 §9).
import { GenericError, UseDpopNonceError } from './errors.js';
import { checkFetcherConfig, fail } from './fetcher-config.js';
import type { DpopProofParams } from './dpop/proof.js';
import type { GetTokenSilentlyVerboseResponse } from './types.js';

/** Response headers as a custom `fetch` may return them. */
export type ResponseHeaders =
  | Record<string, string | null | undefined>
  | [string, string][]
  | { get(name: string): string | null | undefined };

/** The least a custom `fetch` must resolve to: the fetcher reads the status and two headers. */
export interface CustomFetchMinimalOutput {
  status: number;
  headers: ResponseHeaders;
}

/** Which token to attach: `audience` and `scope` as for `getTokenSilently` (scopes merge with the defaults). */
export interface AuthParams {
  audience?: string;
  /** Space-separated, or a list. */
  scope?: string | string[];
}

/** `createFetcher(config)`. */
export interface FetcherConfig<TOutput extends CustomFetchMinimalOutput = Response> {
  /** Joined with relative URLs (`/foo` → `<baseUrl>/foo`); ignored for absolute ones. */
  baseUrl?: string;
  /** Where this API's DPoP nonces are kept; required when its tokens are DPoP-bound. */
  dpopNonceId?: string;
  /**
   * Sends the request instead of the global `fetch`: receives a ready `Request` (authorization
   * and DPoP headers set) and must resolve to at least `{status, headers}`; whatever it returns is
   * what `fetchWithAuth` returns.
   */
  fetch?: (request: Request) => Promise<TOutput>;
  /**
   * Supplies the access token instead of `getTokenSilently`: `getTokenSilently({detailedResponse:
   * true})`'s object (each request then uses its own token's scheme, `DPoP` or `Bearer`: needed
   * when one fetcher mixes both), or the token alone, which counts as DPoP-bound when the client
   * has `useDpop`.
   */
  getAccessToken?: (authParams?: AuthParams) => Promise<string | Pick<GetTokenSilentlyVerboseResponse, 'access_token' | 'token_type'>>;
  /** Accepted as the SDK's examples pass it; the answer's shape decides (see `getAccessToken`). */
  detailedResponse?: boolean;
}

/** What the fetcher needs from the client: its DPoP methods (the client itself). */
export interface FetcherHooks {
  getDpopNonce(id: string): Promise<string | undefined>;
  setDpopNonce(nonce: string, id: string): Promise<void>;
  generateDpopProof(params: DpopProofParams & { accessToken: string }): Promise<string>;
}

/** `fetchWithAuth(input, init, authParams)`, a drop-in for `fetch(input, init)`. */
export interface Fetcher<TOutput extends CustomFetchMinimalOutput = Response> {
  fetchWithAuth(input: RequestInfo | URL, init?: RequestInit, authParams?: AuthParams): Promise<TOutput>;
}

/** One header from any of the shapes a custom `fetch` may return, case-insensitively. */
function header(headers: ResponseHeaders, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const entries = Array.isArray(headers) ? headers : Object.entries(headers);
  return entries.find(([key]) => key.toLowerCase() === name)?.[1] ?? undefined;
}

/** RFC 9449 §9: a 401 whose challenge says the nonce is missing or stale. */
function isNonceChallenge(response: CustomFetchMinimalOutput): boolean {
  return response.status === 401 && /error="?(use|invalid)_dpop_nonce\b/.test(header(response.headers, 'www-authenticate') ?? '');
}

/** `baseUrl` + a relative URL, joined with exactly one slash; absolute URLs are left alone. */
function withBase(baseUrl: string | undefined, url: string): string {
  if (!baseUrl || /^[a-z][a-z\d+.-]*:/i.test(url) || url.startsWith('//')) return url;
  return `${baseUrl.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

/**
 * Builds a fetcher on the client: its DPoP methods (`hooks`), whether it has `useDpop`, and its
 * `getTokenSilently` for `authParams` (`clientToken`).
 * @throws TypeError naming the config field that is malformed.
 */
export function createFetcher<TOutput extends CustomFetchMinimalOutput = Response>(
  config: FetcherConfig<TOutput>,
  hooks: FetcherHooks,
  useDpop: boolean,
  clientToken: (authParams?: AuthParams) => Promise<GetTokenSilentlyVerboseResponse>,
): Fetcher<TOutput> {
  checkFetcherConfig(config);
  const { baseUrl, dpopNonceId, fetch: send, getAccessToken } = config ?? {};

  /** The token and whether it is DPoP-bound, from whichever source supplies it. */
  async function token(authParams?: AuthParams): Promise<{ accessToken: string; dpop: boolean }> {
    const answer: any = await (getAccessToken ?? clientToken)(authParams);
    if (answer === undefined) throw new GenericError('missing_access_token', 'No access token available');
    // A bare token string (with `detailedResponse` too, as the SDK ignores it) is DPoP-bound when the client has `useDpop` (README table).
    if (typeof answer === 'string') return { accessToken: answer, dpop: useDpop };
    if (typeof answer?.access_token !== 'string') fail('`getAccessToken` must resolve to a token, or {access_token, token_type}');
    return { accessToken: answer.access_token, dpop: /^dpop$/i.test(answer.token_type ?? '') };
  }

  /** One attempt: a clone of the request with fresh authorization headers, then the response's nonce kept. */
  async function attempt(base: Request, accessToken: string, dpop: boolean): Promise<TOutput> {
    const request = base.clone();
    request.headers.set('Authorization', `${dpop ? 'DPoP' : 'Bearer'} ${accessToken}`);
    if (dpop) {
      const nonce = await hooks.getDpopNonce(dpopNonceId!);
      request.headers.set('DPoP', await hooks.generateDpopProof({ url: request.url, method: request.method, nonce, accessToken }));
    }
    const response = await (send ?? (fetch as unknown as (request: Request) => Promise<TOutput>))(request);
    if (!response || typeof response.status !== 'number' || !response.headers || typeof response.headers !== 'object') {
      fail('the custom `fetch` must resolve to an object with a numeric `status` and `headers`');
    }
    const nonce = dpop ? header(response.headers, 'dpop-nonce') : undefined;
    if (nonce) await hooks.setDpopNonce(nonce, dpopNonceId!);
    return response;
  }

  return {
    async fetchWithAuth(input, init, authParams) {
      const url = withBase(baseUrl, input instanceof Request ? input.url : String(input));
      const base = new Request(input instanceof Request ? new Request(url, input) : url, init);
      const { accessToken, dpop } = await token(authParams);
      if (dpop && !dpopNonceId) {
        fail('`dpopNonceId` is required: the access token is DPoP-bound, and the API\'s nonces need an id');
      }
      const first = await attempt(base, accessToken, dpop);
      if (!dpop || !isNonceChallenge(first)) return first;
      // The challenge's body is not the caller's: released, so the connection is not held open.
      (first as any).body?.cancel?.().catch(() => undefined);
      const nonce = header(first.headers, 'dpop-nonce');
      if (!nonce) throw new UseDpopNonceError(undefined);
      // Once, with a new proof carrying the nonce the API just sent (RFC 9449 §9).
      const second = await attempt(base, accessToken, dpop);
      if (isNonceChallenge(second)) throw new UseDpopNonceError(header(second.headers, 'dpop-nonce'));
      return second;
    },
  };
}
