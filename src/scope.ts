// Scope resolution, in one place so the per-audience `{audience: scope}` map (issue 4) can be added
// here without touching the callers.

/** Scope used when `authorizationParams.scope` is not given. */
export const DEFAULT_SCOPE = 'openid profile email';
/** Cache and transaction name of "no audience". */
export const DEFAULT_AUDIENCE = 'default';

/** Joins scope strings, splitting on whitespace and dropping duplicates, first occurrence wins. */
export function uniqueScopes(...scopes: Array<string | undefined>): string {
  return [...new Set(scopes.join(' ').split(/\s+/).filter(Boolean))].join(' ');
}

/**
 * The client's base scope: the configured one (or `openid profile email`), with `openid` always
 * first and `offline_access` when refresh tokens are on — the SPA SDK's rules.
 */
export function baseScope(configured: string | undefined, useRefreshTokens: boolean | undefined): string {
  return uniqueScopes('openid', configured ?? DEFAULT_SCOPE, useRefreshTokens ? 'offline_access' : '');
}

/**
 * The scope a call asks for: per-call scopes merge with the base scope (they never replace it).
 * `audience` is where the per-audience map will pick its base scope.
 */
export function scopeFor(base: string, requested: string | undefined, _audience?: string): string {
  return uniqueScopes(base, requested);
}
