// How `getTokenSilently` gets a token: the cache first, else one flight per audience and scope
// in this tab, under a Web Lock shared by the origin's tabs, to the refresh-token grant or the
// silent iframe.
import { authorizeRequest, maxAge, mergeParams, tokenResponse, type ClientContext, type ResolvedParams } from './client-context.js';
import { arrival } from './cache/arrival.js';
import { CACHE_KEY_PREFIX, cacheKey, idTokenKey, type CacheEntry, type CacheKeyParts, type IdTokenEntry } from './cache/cache-entry.js';
import { getCookie } from './cookies.js';
import { GenericError, MfaRequiredError } from './errors.js';
import { tokenLockName, withLock } from './lock.js';
import { LazyVault } from './refresh/lazy-vault.js';
import { DEFAULT_AUDIENCE } from './scope.js';
import { endLocalSession } from './session-events.js';
import type { GetTokenSilentlyOptions, GetTokenSilentlyVerboseResponse } from './types.js';

/** The flights under way, by audience, scope and cache mode. */
export type Flights = Map<string, Promise<GetTokenSilentlyVerboseResponse>>;

/** The cache keys of the parameters every call without any shares (`ctx.defaultParams`), computed once. */
interface DefaultKeys {
  params: object;
  keyParts: CacheKeyParts;
  key: string;
  idKey: string;
}
const defaultKeys = new WeakMap<ClientContext, DefaultKeys>();

/**
 * `getTokenSilently`'s hot path, synchronous: a live token under the exact key with the ID token,
 * from a built-in cache (`CacheManager.peek`) — the token, or with `detailedResponse` the whole
 * answer. `undefined` whenever the full path (`silentToken`) must decide.
 */
export function peekToken(ctx: ClientContext, options: GetTokenSilentlyOptions): GetTokenSilentlyVerboseResponse | string | undefined {
  if (options.cacheMode === 'off') return undefined;
  let hit;
  if (options.authorizationParams) {
    const params = mergeParams(ctx, options.authorizationParams);
    hit = ctx.cacheManager.peek({ clientId: ctx.options.clientId, audience: params.audience || DEFAULT_AUDIENCE, scope: params.scope });
  } else {
    const params = (ctx.defaultParams ??= Object.freeze(mergeParams(ctx)));
    let known = defaultKeys.get(ctx);
    if (known?.params !== params) {
      const { clientId } = ctx.options;
      const keyParts = { clientId, audience: params.audience || DEFAULT_AUDIENCE, scope: params.scope };
      defaultKeys.set(ctx, (known = { params, keyParts, key: cacheKey(keyParts), idKey: idTokenKey(clientId) }));
    }
    hit = ctx.cacheManager.peek(known.keyParts, known.key, known.idKey);
  }
  if (!hit) return undefined;
  if (options.detailedResponse) return cachedResponse(ctx, hit.entry, hit.idToken);
  ctx.session.set('authenticated', hit.idToken.decodedToken.user);
  return hit.entry.access_token;
}

/** `getTokenSilently`'s work; `undefined` only for `cacheMode: 'cache-only'` without a live token. */
export async function silentToken(ctx: ClientContext, inFlight: Flights, options: GetTokenSilentlyOptions): Promise<GetTokenSilentlyVerboseResponse | undefined> {
  // Frozen: shared by every call without parameters, so nothing downstream may change it.
  const params = options.authorizationParams ? mergeParams(ctx, options.authorizationParams) : (ctx.defaultParams ??= Object.freeze(mergeParams(ctx)));
  const keyParts = { clientId: ctx.options.clientId, audience: params.audience || DEFAULT_AUDIENCE, scope: params.scope };
  const cacheMode = options.cacheMode ?? 'on';
  const hit = cacheMode === 'off' ? undefined : ctx.cacheManager.peek(keyParts);
  if (hit) return cachedResponse(ctx, hit.entry, hit.idToken);
  if (cacheMode === 'cache-only') return fromCache(ctx, keyParts);
  // One flight per audience, scope and cache mode here — its cache read too, so that a burst of
  // calls reads the cache once — and the lock makes it one across tabs.
  const flightKey = `${keyParts.audience}::${keyParts.scope}::${cacheMode}`;
  let flight = inFlight.get(flightKey);
  if (!flight) {
    const bypass = cacheMode === 'off';
    flight = (async () => (!bypass && (await fromCache(ctx, keyParts))) || lockedToken(ctx, params, keyParts, bypass, options.timeoutInSeconds))();
    flight = flight.finally(() => inFlight.delete(flightKey));
    inFlight.set(flightKey, flight);
  }
  return flight;
}

/** A live cached token, in the shape of a detailed response; needs the ID token too. */
async function fromCache(ctx: ClientContext, keyParts: CacheKeyParts): Promise<GetTokenSilentlyVerboseResponse | undefined> {
  const entry = await ctx.cacheManager.get(keyParts);
  if (!entry?.access_token) return undefined;
  const idToken = await ctx.cacheManager.getIdToken(keyParts.clientId);
  return idToken && cachedResponse(ctx, entry, idToken);
}

/** A cache hit: the session is (still) authenticated as the ID token's user. */
function cachedResponse(ctx: ClientContext, entry: Partial<CacheEntry>, idToken: IdTokenEntry): GetTokenSilentlyVerboseResponse {
  ctx.session.set('authenticated', idToken.decodedToken.user);
  return tokenResponse(entry.access_token!, idToken.id_token, entry.expires_in!, entry.token_type, entry.oauthTokenScope);
}

/**
 * Starts loading the code that gets tokens from the tenant (the vault's and the grant's chunks);
 * called on the way to the lock, and when the page is idle after a session was restored (its
 * token will need renewing: the tab that does it then has the code).
 */
export function preloadNetworkPath(ctx: ClientContext): void {
  if (ctx.vault instanceof LazyVault) ctx.vault.preload();
  import('./session-writer.js').catch(() => undefined);
}

/**
 * Gets a token from the tenant holding the client's Web Lock, so that one request serves every
 * caller waiting in any tab: once the lock is held the cache is read again — with
 * `cacheMode: 'off'`, a token that arrived while this call waited counts as fresh.
 */
async function lockedToken(ctx: ClientContext, params: ResolvedParams, keyParts: CacheKeyParts, bypassCache: boolean, timeoutInSeconds?: number): Promise<GetTokenSilentlyVerboseResponse> {
  const seen = bypassCache ? (await ctx.cacheManager.get(keyParts))?.access_token : undefined;
  const waitMs = (timeoutInSeconds ?? ctx.options.authorizeTimeoutInSeconds) * 1000;
  // The network path's code (a chunk) loads while the lock is awaited, not while it is held.
  preloadNetworkPath(ctx);
  const fresh = async () => {
    const cached = await fromCache(ctx, keyParts);
    return cached && (!bypassCache || cached.access_token !== seen) ? cached : undefined;
  };
  // The new token answers this tab's callers as soon as it is in the cache; the lock is held
  // until the vault has settled (its revision written), which the next holder waits for.
  let early!: (token: GetTokenSilentlyVerboseResponse) => void;
  const obtained = new Promise<GetTokenSilentlyVerboseResponse>((resolve) => (early = resolve));
  const locked = withLock(
    tokenLockName(ctx.options.clientId),
    waitMs,
    async () => {
      // A live token the last holder left is the answer as this tab's view shows it; only a miss
      // needs the view to catch up with what the last holder wrote (its refresh tokens) first.
      const cached = (await fresh()) ?? (await ctx.vault.catchUp(), await fresh());
      if (cached) return cached;
      try {
        const token = await obtainToken(ctx, params, timeoutInSeconds);
        early(token);
        return token;
      } finally {
        await ctx.vault.settle();
      }
    },
    // While it waits, the holder's tokens may reach this tab (localStorage): any write of this
    // client's entries may be when they can answer — without the lock, as any cache read (a new
    // access token under an unchanged ID token writes no ID token: a write of the same value
    // fires no storage event; another user's tokens answer once their ID token is there).
    (waiting) => arrival((key) => key.startsWith(`${CACHE_KEY_PREFIX}::${keyParts.clientId}::`), fresh, waiting),
  );
  return Promise.race([locked, obtained]);
}

/**
 * The one path that gets a new token from the tenant: the refresh-token grant with
 * `useRefreshTokens` (the iframe only as `useRefreshTokensFallback`), else the silent iframe.
 * A dead refresh token ends the local session unless the fallback brings a new one.
 */
async function obtainToken(ctx: ClientContext, params: ResolvedParams, timeoutInSeconds?: number): Promise<GetTokenSilentlyVerboseResponse> {
  if (!ctx.options.useRefreshTokens) return tokenFromIframe(ctx, params, timeoutInSeconds);
  let iframeTried = false;
  const iframe = () => ((iframeTried = true), tokenFromIframe(ctx, params, timeoutInSeconds));
  const fallback = ctx.options.useRefreshTokensFallback;
  try {
    return await tokenFromRefreshToken(ctx, params, fallback ? iframe : undefined, timeoutInSeconds);
  } catch (e) {
    const code = (e as GenericError).error;
    const dead = (code === 'invalid_grant' || code === 'login_required') && !isStepUp(ctx, e);
    let error = e;
    if (fallback && !iframeTried && (dead || code === 'missing_refresh_token' || code === 'missing_scopes')) {
      try {
        return await tokenFromIframe(ctx, params, timeoutInSeconds);
      } catch (iframeError) {
        error = iframeError;
      }
    }
    if (dead) await endLocalSession(ctx);
    throw error;
  }
}

/**
 * The refresh-token grant for `params`' audience and scope, answered into the cache; `recover`
 * (the silent iframe) is the way out when the grant's answer is lost; `timeoutInSeconds` bounds
 * each send.
 */
async function tokenFromRefreshToken(ctx: ClientContext, params: ResolvedParams, recover?: () => Promise<GetTokenSilentlyVerboseResponse>, timeoutInSeconds?: number): Promise<GetTokenSilentlyVerboseResponse> {
  const [{ refreshTokens }, { grantTokens }] = await Promise.all([import('./refresh/refresh-grant.js'), import('./session-writer.js')]);
  const wanted = { audience: params.audience || DEFAULT_AUDIENCE, scope: params.scope, redirect_uri: params.redirect_uri ?? window.location.origin };
  // The other authorization parameters go along, as the SPA SDK sends them.
  const { audience, scope, ...custom } = params;
  return refreshTokens(
    {
      vault: ctx.vault,
      useMrrt: !!ctx.options.useMrrt,
      // The call's timeoutInSeconds is each send's deadline, as in the SPA SDK.
      grant: (grant, from, accept, attempts) =>
        grantTokens(ctx, { ...custom, ...grant }, wanted, params.organization, maxAge(params), true, { from, accept, attempts, timeoutMs: typeof timeoutInSeconds === 'number' ? timeoutInSeconds * 1000 : undefined }),
      recover,
    },
    wanted,
  );
}

/** Silent authentication (`prompt=none`) in a hidden iframe, then the code exchange. */
export async function tokenFromIframe(ctx: ClientContext, params: ResolvedParams, timeoutInSeconds?: number): Promise<GetTokenSilentlyVerboseResponse> {
  if (window.crossOriginIsolated) {
    throw new GenericError('login_required', 'A cross-origin isolated page cannot use the silent iframe.');
  }
  // Without an organization of its own, silent authentication asks for the last login's one.
  const organization = params.organization ?? (getCookie(ctx.orgHint) || undefined);
  const request = await authorizeRequest(ctx, { ...params, organization, prompt: 'none' }, 'web_message');
  const [{ runSilentIframe }, { exchangeCode }] = await Promise.all([import('./silent-iframe.js'), import('./session-writer.js')]);
  const timeout = timeoutInSeconds ?? ctx.options.authorizeTimeoutInSeconds;
  try {
    const code = await runSilentIframe(request.url, ctx.tenantOrigin, request.state, timeout);
    return await exchangeCode(ctx, code, { ...request, silent: true }, organization, maxAge(params));
  } catch (e) {
    // No tenant session: the local one ends too (tokens, hint cookie), as in the SPA SDK — not
    // when the session only lacks a second factor that the popup handler will ask for.
    if ((e as GenericError).error === 'login_required' && !isStepUp(ctx, e)) await endLocalSession(ctx);
    throw e;
  }
}

/**
 * With `interactiveErrorHandler: 'popup'`: whether `e` asks for a second factor — `mfa_required`,
 * or the silent iframe's `login_required` with Auth0's "Multifactor authentication required".
 */
export const isStepUp = (ctx: ClientContext, e: unknown): boolean =>
  ctx.options.interactiveErrorHandler === 'popup' &&
  (e instanceof MfaRequiredError || ((e as GenericError)?.error === 'login_required' && (e as GenericError).error_description === 'Multifactor authentication required'));
