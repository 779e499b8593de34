// What the client's flows share: its resolved options and the stores they read and write, built
// once by the constructor and passed explicitly to the modules that carry out each flow.
import type { AuthorizeRequest } from './authorize-url.js';
import { CacheManager } from './cache/cache-manager.js';
import type { ICache } from './cache/cache-entry.js';
import { InMemoryCache } from './cache/in-memory-cache.js';
import { LocalStorageCache } from './cache/local-storage-cache.js';
import { organizationHint, sessionHint } from './cookies.js';
import { LazyDpop } from './dpop/lazy-dpop.js';
import { resolveOptions, type Auth0ClientOptions, type AuthorizationParams, type ResolvedOptions } from './options.js';
import { LazyVault } from './refresh/lazy-vault.js';
import type { RefreshTokenVault } from './refresh/vault.js';
import { baseScope, scopeFor, type BaseScopes } from './scope.js';
import { SessionSync, type SessionEvent } from './session-sync.js';
import { SessionStore } from './state.js';
import type { GetTokenSilentlyVerboseResponse } from './types.js';
import type { MfaContext } from './mfa/types.js';

/** Authorization parameters after merging: scope resolved, the rest as given. */
export type ResolvedParams = AuthorizationParams & { scope: string };

/** One client's shared parts. */
export interface ClientContext {
  /** The parameters of a call that passes none (most `getTokenSilently` calls), merged once. */
  defaultParams?: Readonly<ResolvedParams>;
  readonly options: ResolvedOptions;
  readonly scope: BaseScopes;
  readonly tenantOrigin: string;
  readonly cacheManager: CacheManager;
  /** The names of the session and organization hint cookies. */
  readonly cookie: string;
  readonly orgHint: string;
  readonly session: SessionStore;
  readonly dpop?: LazyDpop;
  /** Where refresh tokens live: a Web Worker in memory mode, else the cache entries. */
  readonly vault: RefreshTokenVault;
  /** Tells the origin's other tabs about logins, refreshes and logouts. */
  readonly sync: SessionSync;
  /** Counts local session ends: a refresh that started before one must not store its answer. */
  generation: number;
  /** Whether this engine restores sessions (`checkSession` ran): only then does it join logins elsewhere. */
  restores: boolean;
  /** What each `mfa_required` answer left for its `mfa_token` (scope, audience, requirements), for `client.mfa`. */
  mfa?: Map<string, MfaContext>;
}

/**
 * Resolves the options and builds the stores; `onSessionEvent` hears the other tabs' news.
 * @throws TypeError naming the option when an option is missing or malformed.
 */
export function createContext(given: Auth0ClientOptions, onSessionEvent: (event: SessionEvent) => void): ClientContext {
  const options = resolveOptions(given);
  const { clientId, cache, cacheLocation } = options;
  if (cache && cacheLocation) {
    console.warn('Auth0Client: `cache` is used and `cacheLocation` ignored.');
  }
  const store: ICache = cache ?? (cacheLocation === 'localstorage' ? new LocalStorageCache() : new InMemoryCache());
  const cacheManager = new CacheManager(store, clientId, options.nowProvider, options.domainUrl);
  const inMemory = !cache && cacheLocation !== 'localstorage';
  return {
    options,
    scope: baseScope(options.authorizationParams.scope, options.useRefreshTokens, options.refreshTokenMode === 'online'),
    tenantOrigin: new URL(options.domainUrl).origin,
    cacheManager,
    cookie: sessionHint(clientId),
    orgHint: organizationHint(clientId),
    session: new SessionStore(),
    dpop: options.useDpop ? new LazyDpop(clientId, options.httpTimeoutInSeconds * 1000) : undefined,
    // Loaded when a token is first asked of the tenant (chunks beside the bundle).
    vault: new LazyVault(
      options.useRefreshTokens && inMemory && typeof Worker === 'function'
        ? async () => new (await import('./refresh/worker-client.js')).WorkerVault(options.domainUrl, options.workerUrl)
        : async () => new (await import('./refresh/cache-vault.js')).CacheVault(cacheManager, store, clientId),
    ),
    sync: new SessionSync(onSessionEvent),
    generation: 0,
    restores: false,
  };
}

/** Client defaults merged with per-call parameters; per-call scopes merge with the default scope. */
export function mergeParams(ctx: ClientContext, callParams: AuthorizationParams = {}): ResolvedParams {
  const merged = { ...ctx.options.authorizationParams, ...callParams };
  return { ...merged, scope: scopeFor(ctx.scope, callParams.scope, merged.audience) };
}

/**
 * An authorize request: for a redirect (`query`), or a popup or iframe (`web_message`, whose
 * redirect_uri defaults to this page's origin). With `useDpop` the code is bound to this
 * client's key: `dpop_jkt` (RFC 9449 §10).
 */
export async function authorizeRequest(ctx: ClientContext, params: ResolvedParams, response_mode?: 'web_message'): Promise<AuthorizeRequest> {
  const redirect_uri = params.redirect_uri ?? (response_mode && window.location.origin);
  const dpop_jkt = await ctx.dpop?.thumbprint();
  const { buildAuthorizeRequest, telemetry } = await import('./authorize-url.js');
  return buildAuthorizeRequest(ctx.options.domainUrl, ctx.options.clientId, { ...params, dpop_jkt, redirect_uri, auth0Client: telemetry(ctx.options.auth0Client) }, response_mode);
}

/** `getTokenSilently({detailedResponse: true})`'s answer; `token_type` defaults to `Bearer`. */
export function tokenResponse(access_token: string, id_token: string, expires_in: number, token_type?: string, scope?: string): GetTokenSilentlyVerboseResponse {
  return { access_token, id_token, expires_in, token_type: token_type ?? 'Bearer', ...(scope ? { scope } : null) };
}

/** `max_age` as the number the ID token's `auth_time` check needs (OIDC Core §3.1.2.1). */
export function maxAge(params: AuthorizationParams): number | undefined {
  return params.max_age === undefined ? undefined : Number(params.max_age);
}
