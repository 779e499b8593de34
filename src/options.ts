// Client options: the SPA SDK's names and defaults, checked once at construction so a
// misconfiguration fails loudly with a TypeError that names the option (STYLE.md §8).
import type { Auth0ClientInfo } from './authorize-url.js';
import type { ICache } from './cache/cache-entry.js';

/**
 * Parameters sent to `/authorize` (OpenID Connect Core §3.1.2.1 plus Auth0's own). Any other key
 * is passed through as given.
 */
export interface AuthorizationParams {
  /** The API identifier the access token is for (sent as `audience`). */
  audience?: string;
  /** Space-separated scopes; `openid` is always added. */
  scope?: string;
  /** Where the tenant sends the user back; passed through as given, never built from page input. */
  redirect_uri?: string;
  /** Organization id (`org_…`) or name; the ID token's `org_id` / `org_name` must match. */
  organization?: string;
  /** Invitation ticket id, with `organization`. */
  invitation?: string;
  screen_hint?: 'signup' | 'login' | string;
  prompt?: 'none' | 'login' | 'consent' | 'select_account';
  /** Seconds since the last authentication the tenant may accept; checked against `auth_time`. */
  max_age?: string | number;
  connection?: string;
  login_hint?: string;
  ui_locales?: string;
  acr_values?: string;
  [key: string]: any;
}

/**
 * The client's default authorization parameters: as a call's, except that `scope` may also be a
 * map of audience → scope (the per-audience default scopes of the SPA SDK's MRRT examples).
 */
export interface ClientAuthorizationParams extends Omit<AuthorizationParams, 'scope'> {
  /**
   * Space-separated scopes, or `{audience: scope}`: each audience gets its own (plus `openid`,
   * and `offline_access` with refresh tokens); an audience without an entry gets the `default`
   * scopes `openid profile email`.
   */
  scope?: string | Record<string, string>;
}

/** Options of `new Auth0Client(options)` / `createAuth0Client(options)`. */
export interface Auth0ClientOptions {
  /** Tenant host (`tenant.eu.auth0.com` → `https://…`) or a full `http(s)://` origin. */
  domain: string;
  clientId: string;
  /** Expected `iss` of ID tokens when it differs from the domain (custom domains). */
  issuer?: string;
  authorizationParams?: ClientAuthorizationParams;
  /** `memory` (default) or `localstorage`. Ignored, with a warning, when `cache` is given. */
  cacheLocation?: 'memory' | 'localstorage';
  /** A custom cache (`get/set/remove/allKeys?`, sync or async). */
  cache?: ICache;
  /**
   * Get new tokens with the refresh-token grant (RFC 6749 §6) instead of the silent iframe, and
   * ask for `offline_access`. In memory mode the refresh tokens live in a Web Worker.
   */
  useRefreshTokens?: boolean;
  /** Without a usable refresh token, try the silent iframe instead of failing. Default false. */
  useRefreshTokensFallback?: boolean;
  /** Use one refresh token for every API the tenant's MRRT policy allows. Default false. */
  useMrrt?: boolean;
  /**
   * Bind tokens to this browser (DPoP, RFC 9449): an ES256 key pair, non-extractable, kept in
   * IndexedDB and deleted at logout; proofs on every token request. Without IndexedDB the start
   * resolves (the state shows `error`) and the first call needing the key fails with GenericError
   * `dpop_unavailable`.
   */
  useDpop?: boolean;
  /** Clock skew, in seconds, allowed when checking ID-token times. Default 60. */
  leeway?: number;
  /** Popup and silent-iframe timeout. Default 60. */
  authorizeTimeoutInSeconds?: number;
  /** Timeout of requests to the tenant. Default 10. */
  httpTimeoutInSeconds?: number;
  /** Send token requests as `application/x-www-form-urlencoded` (default) or JSON. */
  useFormData?: boolean;
  /** Lifetime of the `auth0.<clientId>.is.authenticated` cookie. Default 1. */
  sessionCheckExpiryDays?: number;
  cookieDomain?: string;
  /** Clock used for cache expiry and ID-token checks (ms since epoch). */
  nowProvider?: () => number | Promise<number>;
  /**
   * A same-origin URL of `dist/token-worker.js`, for pages whose Content-Security-Policy does not
   * allow `blob:` workers (memory mode with refresh tokens).
   */
  workerUrl?: string;
  /** Telemetry naming the app or wrapper (`{name, version}`), sent as `auth0Client` to `/authorize` and `/v2/logout`. */
  auth0Client?: Auth0ClientInfo;
  /**
   * `offline` (default): rotating refresh tokens (`offline_access`). `online` (with
   * `useRefreshTokens` and `useDpop`, else a TypeError naming the option): `online_access` —
   * non-rotating refresh tokens bound to the tenant session and to the DPoP key, refused once the
   * user logs out of the tenant; `revokeRefreshToken` then also ends the local session.
   */
  refreshTokenMode?: 'offline' | 'online';
  /** Also write the `_legacy_`-prefixed hint cookies (no `SameSite`) for old browsers. Default true. */
  legacySameSiteCookie?: boolean;
  /**
   * Keep the redirect login's transaction in a cookie (`a0.spajs.txs.<clientId>`, a day, the hint
   * cookies' attributes) instead of sessionStorage, so a callback that opens in another tab or a
   * new browser process (magic links) can finish it. Default false.
   */
  useCookiesForTransactions?: boolean;
  /**
   * Native-to-Web SSO: the query parameter of the page URL that carries a session transfer token.
   * `loginWithRedirect` / `loginWithPopup` send it as `session_transfer_token` (unless the call
   * names one) and remove it from the address bar (`history.replaceState`).
   */
  sessionTransferTokenQueryParamName?: string;
  /**
   * This client drives Enterprise Connect logins (`isFederatedDomain` + `login_hint`): warns, as the
   * SDK does, about options that contradict it and about logouts without `federated: true`.
   */
  enterpriseConnect?: boolean;
  /** Where `client.anonymous` keeps the anonymous session: `localStorage` (default) or `memory` (this page load). */
  anonymousSessionsCacheMode?: 'localStorage' | 'memory';
  /** `checkSession()` starts (or keeps) an anonymous session when nobody is logged in. Default false. */
  createAnonymousSessionOnFailedSilentAuth?: boolean;
  /**
   * `popup`: a `getTokenSilently` refused with `mfa_required` (or the silent iframe's "Multifactor
   * authentication required") completes the second factor on the tenant's login page in a popup
   * and returns the token. Default: the error is thrown to the caller.
   */
  interactiveErrorHandler?: 'popup';
}

/** Options after validation and defaults: what the rest of the engine reads. */
export interface ResolvedOptions extends Auth0ClientOptions {
  /** The tenant's base URL, without a trailing slash: `https://host` or the given origin. */
  domainUrl: string;
  /** Expected `iss` of ID tokens, with the trailing slash Auth0 uses. */
  tokenIssuer: string;
  authorizationParams: ClientAuthorizationParams;
  leeway: number;
  authorizeTimeoutInSeconds: number;
  httpTimeoutInSeconds: number;
  useFormData: boolean;
  sessionCheckExpiryDays: number;
  nowProvider: () => number | Promise<number>;
}

/** Throws a TypeError naming `option` unless `ok`. */
function check(ok: unknown, option: string, what: string): void {
  if (!ok) throw new TypeError(`Auth0Client: option \`${option}\` ${what}`);
}

const FLAGS = ['useRefreshTokens', 'useRefreshTokensFallback', 'useMrrt', 'useDpop', 'useFormData'] as const;

/** The numeric options and their defaults (seconds, or days for `sessionCheckExpiryDays`). */
const NUMBERS = { leeway: 60, authorizeTimeoutInSeconds: 60, httpTimeoutInSeconds: 10, sessionCheckExpiryDays: 1 };

/**
 * `domain` → base URL: a bare host means `https://host`; `http://` / `https://` values are used as
 * is (the local tenant runs on plain http). Paths, queries and fragments are refused.
 */
function domainUrlOf(domain: unknown): string {
  const value = typeof domain === 'string' ? domain.trim() : '';
  let url: URL | undefined;
  try {
    url = new URL(/^https?:\/\//i.test(value) ? value : `https://${value}`);
  } catch {
    /* reported below */
  }
  check(
    url && /^([\w-]+\.)*[\w-]+$|^\[[\da-f:.]+\]$/i.test(url.hostname) && !url.username && !url.search && !url.hash && !url.pathname.replace(/\/+$/, ''),
    'domain',
    `must be a host (tenant.auth0.com) or an http(s) origin, got ${JSON.stringify(domain)}`,
  );
  return url!.origin;
}

function issuerOf(issuer: string | undefined, domainUrl: string): string {
  if (issuer === undefined) return `${domainUrl}/`;
  check(typeof issuer === 'string' && issuer, 'issuer', 'must be a non-empty string');
  return /^https?:\/\//i.test(issuer) ? issuer : `https://${issuer.replace(/\/+$/, '')}/`;
}

/**
 * Checks the options and applies the SPA SDK's defaults.
 * @throws TypeError naming the option that is missing or malformed.
 */
export function resolveOptions(options: Auth0ClientOptions): ResolvedOptions {
  check(options && typeof options === 'object', 'options', 'must be an object with `domain` and `clientId`');
  const domainUrl = domainUrlOf(options.domain);
  check(typeof options.clientId === 'string' && options.clientId.trim(), 'clientId', 'is required (a non-empty string)');
  const { cacheLocation, cache, authorizationParams: params, workerUrl, nowProvider } = options;
  check([undefined, 'memory', 'localstorage'].includes(cacheLocation), 'cacheLocation', `must be "memory" or "localstorage", got ${JSON.stringify(cacheLocation)}`);
  check(!cache || ['get', 'set', 'remove'].every((m) => typeof (cache as any)[m] === 'function'), 'cache', 'must implement get, set and remove');
  check(params === undefined || (typeof params === 'object' && params), 'authorizationParams', 'must be an object');
  const scope = params?.scope;
  check(
    scope === undefined || typeof scope === 'string' || (typeof scope === 'object' && scope && !Array.isArray(scope) && Object.values(scope).every((s) => typeof s === 'string')),
    'authorizationParams.scope',
    'must be a string or an {audience: scope} object',
  );
  check(workerUrl === undefined || (typeof workerUrl === 'string' && workerUrl), 'workerUrl', 'must be a URL string');
  check(nowProvider === undefined || typeof nowProvider === 'function', 'nowProvider', 'must be a function');
  // As the SPA SDK reads them: flags by truthiness (`"true"` too), numbers also as numeric
  // strings, and 0 as the default except for `leeway`.
  const flags: Partial<Record<(typeof FLAGS)[number], boolean>> = {};
  for (const key of FLAGS) if (options[key] !== undefined) flags[key] = !!options[key];
  const numbers = { ...NUMBERS };
  for (const key of Object.keys(NUMBERS) as Array<keyof typeof NUMBERS>) {
    const given: unknown = options[key] ?? NUMBERS[key];
    const value = typeof given === 'string' && given.trim() ? Number(given) : given;
    check(typeof value === 'number' && value >= 0 && Number.isFinite(value), key, `must be a number ≥ 0, got ${JSON.stringify(given)}`);
    numbers[key] = (value as number) || (key === 'leeway' ? 0 : NUMBERS[key]);
  }
  check(options.interactiveErrorHandler === undefined || options.interactiveErrorHandler === 'popup', 'interactiveErrorHandler', 'must be "popup" or left out');
  // Online refresh tokens are session-bound and DPoP-bound: the SDK refuses them without both.
  check(options.refreshTokenMode !== 'online' || (options.useRefreshTokens && options.useDpop), 'refreshTokenMode', '"online" needs useRefreshTokens and useDpop');
  return {
    ...options,
    ...flags,
    ...numbers,
    domainUrl,
    tokenIssuer: issuerOf(options.issuer, domainUrl),
    authorizationParams: { ...params },
    useFormData: flags.useFormData ?? true,
    nowProvider: nowProvider ?? Date.now,
  };
}
