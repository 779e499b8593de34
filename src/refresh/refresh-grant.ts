// The refresh-token grant (RFC 6749 §6) the way the SPA SDK makes it, MRRT included: find the token
// that serves the audience and scope, ask for the right scope, check what came back, and turn a
// dead token into "log in again" with nothing stale left behind.
import { GenericError, MissingRefreshTokenError, MissingScopesError } from '../errors.js';
import { DEFAULT_AUDIENCE, missingScopes, scopesIncluded } from '../scope.js';
import { ATTEMPTS, LOST_ANSWER, type TokenResponse } from '../token-endpoint.js';
import type { FoundRefreshToken, RefreshSlot, RefreshTokenVault } from './vault.js';

/** What the refresh flow needs from the client; `T` is what a stored answer becomes. */
export interface RefreshDeps<T> {
  vault: RefreshTokenVault;
  useMrrt: boolean;
  /**
   * Sends the grant with `from`'s token through the vault, checks the answer with `accept`
   * before anything is cached, then caches it under the wanted slot.
   */
  grant(grant: { grant_type: 'refresh_token' } & Record<string, string | undefined>, from: FoundRefreshToken, accept: (tokens: TokenResponse) => void, attempts?: number): Promise<T>;
  /** The tenant session's way to new tokens (the silent iframe), where the client allows it. */
  recover?: () => Promise<T>;
}

/** What the caller asks for: the cache slot (audience or `default`, scope) and the redirect_uri. */
export interface RefreshWanted extends RefreshSlot {
  redirect_uri: string;
}

/**
 * Gets tokens for `wanted` with a refresh token.
 * @throws MissingRefreshTokenError when no token serves the audience and scope;
 *   MissingScopesError (`missing_scopes`) when an MRRT grant came back with fewer scopes (the
 *   answer is not cached); the tenant's `invalid_grant` as it came, as in the SPA SDK (the dead
 *   token is forgotten in every slot that held it); any other error as it came.
 */
export async function refreshTokens<T>(deps: RefreshDeps<T>, wanted: RefreshWanted): Promise<T> {
  const { audience, scope, redirect_uri } = wanted;
  const found = await deps.vault.find(audience, scope, deps.useMrrt);
  if (!found) throw new MissingRefreshTokenError(audience, scope);
  // The SPA SDK's MRRT scope rules (https://auth0.com/docs/secure/tokens/refresh-tokens/multi-resource-refresh-token):
  // a token of the same audience whose scope covers the request is refreshed with its own scope,
  // so that a narrower call does not down-scope its next access tokens; any other grant (another
  // audience, more scopes: an MRRT grant) asks for the requested scope, and its answer must grant
  // every one of them.
  const own = found.audience === audience && scopesIncluded(scope, found.scope);
  const requested = deps.useMrrt && own ? found.scope : scope;
  const checkScopes = deps.useMrrt && !own;
  const send = (attempts?: number) =>
    deps.grant(
      {
        grant_type: 'refresh_token',
        refresh_token: found.refresh_token,
        redirect_uri,
        // As the SPA SDK: audience and scope only in MRRT grants (the token's own otherwise).
        scope: deps.useMrrt ? requested : undefined,
        audience: deps.useMrrt && audience !== DEFAULT_AUDIENCE ? audience : undefined,
      },
      found,
      (tokens) => {
        // `online_access` is never echoed back (the SDK leaves it out of the comparison too).
        const missing = checkScopes ? missingScopes(requested, tokens.scope).filter((s) => s !== 'online_access') : [];
        if (missing.length) throw new MissingScopesError(audience, missing.join(','));
      },
      attempts,
    );
  try {
    // A lost answer is sent again at once, up to the SPA SDK's 3 sends (the token endpoint does
    // that), which the tenant's reuse interval accepts (Auth0's `refresh_token.leeway`) — without
    // one, rotation decides as it would. With the tenant session as a way out, the first loss
    // goes there instead: the tenant may have rotated the token, and only it knows the successor.
    if (!deps.recover) return await send();
    try {
      return await send(1);
    } catch (e) {
      if (!LOST_ANSWER.includes((e as GenericError).error)) throw e;
      const recovered = await deps.recover().catch(() => undefined);
      if (recovered) {
        // No entry may keep the lost token (a later refresh with it would trip reuse detection):
        // the cache vault drops the entries that still hold it; the worker vault, which never
        // hands a token out, has already put the new one in its place.
        if (found.refresh_token) await deps.vault.discard(found);
        return recovered;
      }
      return await send(ATTEMPTS - 1);
    }
  } catch (e) {
    const error = e as GenericError;
    if (error.error === 'missing_refresh_token') throw new MissingRefreshTokenError(audience, scope);
    if (error.error === 'invalid_grant') {
      // Used, revoked, expired or reused (which revokes the family): it will never work again.
      await deps.vault.discard(found);
    }
    throw e;
  }
}
