// Scope resolution, in one place: the client's base scopes (one string, or one per audience with the
// `{audience: scope}` map) and how a call's scopes merge with them.

/** Scope used when `authorizationParams.scope` is not given. */
export const DEFAULT_SCOPE = 'openid profile email';
/** Cache and transaction name of "no audience". */
export const DEFAULT_AUDIENCE = 'default';

/** Joins scope strings, splitting on whitespace and dropping duplicates, first occurrence wins. */
export function uniqueScopes(...scopes: Array<string | undefined>): string {
  return [...new Set(scopes.join(' ').split(/\s+/).filter(Boolean))].join(' ');
}

/** The scopes of `requested` that `granted` lacks, in request order. */
export function missingScopes(requested: string | undefined, granted: string | undefined): string[] {
  const have = new Set(granted?.split(' '));
  return (requested ?? '').split(' ').filter((scope) => scope && !have.has(scope));
}

/** Whether every scope of `some` is in `all` (a cached entry or refresh token serves a request). */
export const scopesIncluded = (some: string | undefined, all: string | undefined): boolean => !missingScopes(some, all).length;

/** The client's default scopes per audience; the `default` key serves audiences without an entry. */
export type BaseScopes = Readonly<Record<string, string>>;

/**
 * The client's base scopes — the SPA SDK's rules: `openid` always first, `offline_access` when
 * refresh tokens are on (`online_access` instead for online ones). A string (or nothing: `openid profile email`) is the scope of every
 * audience; a `{audience: scope}` map gives each listed audience its own, and the others the
 * default `openid profile email`.
 */
export function baseScope(configured: string | Record<string, string> | undefined, useRefreshTokens: boolean | undefined, online?: boolean): BaseScopes {
  const offline = useRefreshTokens ? (online ? 'online_access' : 'offline_access') : '';
  if (typeof configured !== 'object') return { [DEFAULT_AUDIENCE]: uniqueScopes('openid', configured ?? DEFAULT_SCOPE, offline) };
  const scopes: Record<string, string> = { [DEFAULT_AUDIENCE]: uniqueScopes('openid', DEFAULT_SCOPE, offline) };
  for (const [audience, scope] of Object.entries(configured)) scopes[audience] = uniqueScopes('openid', scope, offline);
  return scopes;
}

/**
 * The scope a call asks for: the base scope of its audience (or the default one), merged with the
 * call's own scopes (they never replace it).
 * @throws TypeError when a call passes a scope map: maps are for the client options only.
 */
export function scopeFor(base: BaseScopes, requested: string | undefined, audience?: string): string {
  if (requested !== undefined && typeof requested !== 'string') {
    throw new TypeError('Auth0Client: a call\'s `authorizationParams.scope` must be a string (maps are for the client options)');
  }
  const own = audience && Object.hasOwn(base, audience) ? base[audience] : undefined;
  return uniqueScopes(own ?? base[DEFAULT_AUDIENCE], requested);
}
