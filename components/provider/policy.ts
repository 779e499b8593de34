// What markup may do with the session (DESIGN.md §4, §9): where `<auth0-fetch>` may send a token
// and which tokens it may ask for. Anyone who can add HTML to a page can add our tags, so this is
// decided by the providers — the page's own origin and what they were configured for — never by
// the element that asks. Every connected provider of the same client must allow a request: one
// injected next to the real provider (same client id, its own `api-origins`) can only narrow what
// the page allows, never widen it.
import type { Auth0Client } from '../../src/index.js';

/** The provider settings the policy is read from, each time a request is about to go out. */
export interface PolicySource {
  readonly client: Auth0Client | null;
  clientId?: string;
  audience?: string;
  scope?: string;
  apiOrigins?: string | string[];
  apiAudiences?: string | string[];
  apiScopes?: string | string[];
  authorizationParams?: Record<string, unknown>;
}

/** The connected providers (a second copy of the kit on the page defines no element: one set). */
export const providers = new Set<PolicySource>();

/** A space- or comma-separated list (attribute) or an array (property); anything else is empty. */
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : [];

/** What `p` allows: origins, audiences and scopes. */
function allowed(p: PolicySource): Record<Kind, unknown[]> {
  const { audience, scope = p.scope } = p.authorizationParams ?? {};
  // An `{audience: scope}` map names audiences and their scopes.
  const map = (scope && typeof scope === 'object' ? scope : {}) as Record<string, string>;
  return {
    origin: [location.origin, ...list(p.apiOrigins).map((o) => URL.canParse(o) && new URL(o).origin)],
    audience: [p.audience, audience, ...Object.keys(map), ...list(p.apiAudiences)],
    scope: [...list(scope), ...Object.values(map).flatMap(list), ...list(p.apiScopes)],
  };
}

export type Kind = 'origin' | 'audience' | 'scope';

/**
 * Whether every connected provider of `client`'s application allows `value` as a `kind`: the
 * origin a token goes to, an audience, or a scope. A client no connected provider holds allows nothing.
 */
export function allows(client: Auth0Client, kind: Kind, value: string): boolean {
  const owner = [...providers].find((p) => p.client === client);
  return !!owner && [...providers].every((p) => !p.client || p.clientId !== owner.clientId || allowed(p)[kind].includes(value));
}
