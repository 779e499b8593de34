// The SPA SDK's scope rules for refresh grants with multi-resource refresh tokens (MRRT): which
// scope to send, whether a grant used a token of another audience or scope, and which requested
// scopes the answer left out.
// @see https://auth0.com/docs/secure/tokens/refresh-tokens/multi-resource-refresh-token
import { scopesIncluded } from '../scope.js';
import type { RefreshSlot } from './vault.js';

export { missingScopes } from '../scope.js';

/**
 * The scope a refresh grant asks for. For another audience: the requested scope. For the same
 * audience, when the token's own scope covers the request: the token's scope, so a narrower call
 * does not down-scope the refresh token's next access tokens; otherwise the requested scope.
 */
export function scopeToRequest(useMrrt: boolean, wanted: RefreshSlot, found: RefreshSlot): string {
  if (!useMrrt || found.audience !== wanted.audience) return wanted.scope;
  return scopesIncluded(wanted.scope, found.scope) ? found.scope : wanted.scope;
}

/** Whether the grant used a token issued for another audience, or for fewer scopes (an MRRT grant). */
export function isMrrtGrant(wanted: RefreshSlot, found: RefreshSlot): boolean {
  return found.audience !== wanted.audience || !scopesIncluded(wanted.scope, found.scope);
}
