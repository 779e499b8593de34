// `client.myAccount`'s calls (loaded on first use): Auth0's My Account API at `<domain>/me/v1/` —
// factors, authentication methods and their enrollment, connected accounts — as the SPA SDK
// 2.28.3 makes them: one scope per call, JSON bodies, RFC 9457 problem details for errors. The
// token is the user's for the `<domain>/me/` audience, through a fetcher, so with `useDpop` it is
// DPoP-bound with a fresh proof on every call (RFC 9449 §7.1).
// @see https://auth0.com/docs/api/myaccount
import { MyAccountApiError } from '../errors.js';
import type { ClientContext } from '../client-context.js';
import type { AuthParams, Fetcher } from '../fetcher.js';
import type { GetTokenSilentlyOptions, GetTokenSilentlyVerboseResponse } from '../types.js';
import { MY_ACCOUNT_NONCE_ID, myAccountAudience, timedFetch } from '../connect/my-account-api.js';
import type {
  AuthenticationMethod,
  AuthenticationMethodType,
  CompleteRequest,
  CompleteResponse,
  ConnectRequest,
  ConnectResponse,
  EnrollmentChallengeOptions,
  EnrollmentChallengeResponse,
  EnrollmentVerifyOptions,
  Factor,
  UpdateAuthenticationMethodRequest,
} from './types.js';

/** The calls of `client.myAccount`. */
export interface MyAccountApi {
  /**
   * A ticket for the connect-account flow (`POST v1/connected-accounts/connect`, scope
   * `create:me:connected_accounts`); `connectAccountWithRedirect` makes the whole flow.
   * @throws MyAccountApiError with the API's problem details (e.g. `connection_not_found`)
   */
  connectAccount(params: ConnectRequest): Promise<ConnectResponse>;
  /**
   * Completes a connect-account flow with the `connect_code` it came back with (`POST
   * v1/connected-accounts/complete`); `handleRedirectCallback` does it for redirects.
   * @throws MyAccountApiError (e.g. `invalid_code_verifier`)
   */
  completeAccount(params: CompleteRequest): Promise<CompleteResponse>;
  /**
   * The factors the tenant offers for enrollment (`GET v1/factors`, scope `read:me:factors`).
   * @throws MyAccountApiError
   */
  getFactors(): Promise<Factor[]>;
  /**
   * The user's authentication methods (`GET v1/authentication-methods`, scope
   * `read:me:authentication_methods`), only those of `type` when given.
   * @throws MyAccountApiError
   */
  getAuthenticationMethods(type?: AuthenticationMethodType): Promise<AuthenticationMethod[]>;
  /**
   * One authentication method by its id.
   * @throws TypeError without an `id`; MyAccountApiError (`not_found` for an unknown one)
   */
  getAuthenticationMethod(id: string): Promise<AuthenticationMethod>;
  /**
   * Renames a method (`name`), or changes a phone's `preferred_authentication_method` (`PATCH`,
   * scope `update:me:authentication_methods`); resolves with the updated method.
   * @throws TypeError without an `id`; MyAccountApiError
   */
  updateAuthenticationMethod(id: string, data: UpdateAuthenticationMethodRequest): Promise<AuthenticationMethod>;
  /**
   * Removes a method (`DELETE`, scope `delete:me:authentication_methods`): it no longer answers
   * a step-up challenge.
   * @throws TypeError without an `id`; MyAccountApiError
   */
  deleteAuthenticationMethod(id: string): Promise<void>;
  /**
   * Starts enrolling a method (`POST v1/authentication-methods`, scope
   * `create:me:authentication_methods`): for `totp` the `barcode_uri` (`otpauth://…`) and the
   * `manual_input_code`; for `email` a code is sent to `email`; for `recovery-code` the code to keep.
   * Resolves with the answer plus the pending method's `id` and `location` (from `Location`).
   * @throws TypeError without a `type`; MyAccountApiError
   */
  enrollmentChallenge(options: EnrollmentChallengeOptions): Promise<EnrollmentChallengeResponse>;
  /**
   * Confirms an enrollment (`POST <location>/verify`) with its `auth_session` and, for `totp` /
   * `email` / `phone`, the `otp_code` the user entered; resolves with the confirmed method.
   * @throws TypeError when `location` is not a method URL of this API (the token would go there)
   *   or `auth_session` is missing; MyAccountApiError (a wrong code, an expired session)
   */
  enrollmentVerify(options: EnrollmentVerifyOptions): Promise<AuthenticationMethod>;
}

/** An answer as the fetcher returns it: a `Response`, or `timedFetch`'s answer read to the end. */
interface Answer {
  status: number;
  headers: Headers;
  text: string | (() => Promise<string>);
}

/** What `client.myAccount` needs of the client: its public token and fetcher calls. */
interface ClientLike {
  createFetcher(config: object): Fetcher<any>;
  getTokenSilently(options: GetTokenSilentlyOptions & { detailedResponse: true }): Promise<GetTokenSilentlyVerboseResponse>;
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

const fail = (call: string, what: string): never => {
  throw new TypeError(`myAccount.${call}: ${what}`);
};

const checkId = (call: string, id: unknown): string => (typeof id === 'string' && id ? id : fail(call, '`id` must be a non-empty string'));

/**
 * The answer's JSON body, or its problem details as a MyAccountApiError: `type` `invalid_json`
 * when the body is not JSON (as the SDK), `invalid_response` for an error answer without problem
 * details (a proxy's page).
 */
async function handle<T>(answer: Answer): Promise<T> {
  const text = typeof answer.text === 'function' ? await answer.text() : answer.text;
  let body: any;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw new MyAccountApiError({ type: 'invalid_json', status: answer.status, title: 'Invalid JSON response', detail: text || String(cause) });
  }
  if (answer.status >= 200 && answer.status < 300) return body;
  const problem = body !== null && typeof body === 'object' && !Array.isArray(body) && typeof body.type === 'string' ? body : null;
  throw new MyAccountApiError({ type: 'invalid_response', title: 'Unexpected response', detail: `HTTP ${answer.status}`, ...problem, status: answer.status });
}

/**
 * The calls on `source`: a fetcher with `apiBase` (the SDK's constructor), or the client with
 * its context, whose fetcher gets `<domain>/me/` tokens with each call's scope.
 */
export function myAccountApi(source: object, base: string | object): MyAccountApi {
  let fetcher: Fetcher<Answer>;
  let apiBase: string;
  if (typeof base === 'string') {
    fetcher = source as Fetcher<Answer>;
    apiBase = base;
  } else {
    const client = source as ClientLike;
    const { domainUrl, httpTimeoutInSeconds } = (base as ClientContext).options;
    const audience = (apiBase = myAccountAudience(domainUrl));
    fetcher = client.createFetcher({
      dpopNonceId: MY_ACCOUNT_NONCE_ID,
      detailedResponse: true,
      fetch: timedFetch(httpTimeoutInSeconds * 1000),
      getAccessToken: (params?: AuthParams) =>
        client.getTokenSilently({ authorizationParams: { audience, scope: ([] as string[]).concat(params?.scope ?? []).join(' ') }, detailedResponse: true }),
    });
  }
  const methods = `${apiBase}v1/authentication-methods`;
  const call = (url: string, scope: string, method = 'GET', body?: object) =>
    fetcher.fetchWithAuth(url, body ? { method, headers: JSON_HEADERS, body: JSON.stringify(body) } : { method }, { scope: [scope] });
  const method = (call: string, id: unknown) => `${methods}/${encodeURIComponent(checkId(call, id))}`;

  return {
    connectAccount: async (params) => handle(await call(`${apiBase}v1/connected-accounts/connect`, 'create:me:connected_accounts', 'POST', params)),
    completeAccount: async (params) => handle(await call(`${apiBase}v1/connected-accounts/complete`, 'create:me:connected_accounts', 'POST', params)),
    getFactors: async () => (await handle<{ factors: Factor[] }>(await call(`${apiBase}v1/factors`, 'read:me:factors'))).factors,
    async getAuthenticationMethods(type) {
      const query = type ? `?${new URLSearchParams({ type })}` : '';
      return (await handle<{ authentication_methods: AuthenticationMethod[] }>(await call(`${methods}${query}`, 'read:me:authentication_methods'))).authentication_methods;
    },
    getAuthenticationMethod: async (id) => handle(await call(method('getAuthenticationMethod', id), 'read:me:authentication_methods')),
    async updateAuthenticationMethod(id, data) {
      const url = method('updateAuthenticationMethod', id);
      if (data === null || typeof data !== 'object') fail('updateAuthenticationMethod', '`data` must be an object ({name} or {preferred_authentication_method})');
      return handle(await call(url, 'update:me:authentication_methods', 'PATCH', data));
    },
    async deleteAuthenticationMethod(id) {
      const answer = await call(method('deleteAuthenticationMethod', id), 'delete:me:authentication_methods', 'DELETE');
      if (answer.status < 200 || answer.status > 299) await handle(answer);
    },
    async enrollmentChallenge(options) {
      if (typeof options?.type !== 'string' || !options.type) fail('enrollmentChallenge', '`type` is required (e.g. "totp")');
      const answer = await call(methods, 'create:me:authentication_methods', 'POST', options);
      const raw = await handle<object>(answer);
      const location = answer.headers.get('location') ?? '';
      return { ...raw, id: decodeURIComponent(location.split('/').pop() ?? ''), location } as EnrollmentChallengeResponse;
    },
    async enrollmentVerify(options) {
      const { location, type, ...body } = options ?? ({} as EnrollmentVerifyOptions);
      // The token goes to `<location>/verify`: only to a pending method of this API, never elsewhere.
      const href = typeof location === 'string' ? URL.parse(location)?.href ?? '' : '';
      if (!href.startsWith(`${methods}/`) || !/^[^/?#]+$/.test(href.slice(methods.length + 1))) {
        fail('enrollmentVerify', `\`location\` must be the URL enrollmentChallenge returned (${methods}/<id>)`);
      }
      if (typeof body.auth_session !== 'string' || !body.auth_session) fail('enrollmentVerify', '`auth_session` is required (from enrollmentChallenge)');
      void type;
      return handle(await call(`${location}/verify`, 'create:me:authentication_methods', 'POST', body));
    },
  };
}
