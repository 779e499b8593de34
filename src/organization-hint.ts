// The organization hint: the `auth0.<clientId>.organization_hint` cookie (the SPA SDK's name)
// remembers the organization of the last login, so that silent authentication asks the tenant for
// a token of that same organization after a reload. Without it, a page whose client names no
// organization would come back from the hidden iframe with the user's organization-less session.
// It holds an organization id, never a secret.
import type { CookieOptions } from './session-cookie.js';

/** The hint cookie of one client. */
export class OrganizationHint {
  readonly #name: string;

  constructor(clientId: string) {
    this.#name = encodeURIComponent(`auth0.${clientId}.organization_hint`);
  }

  /** The remembered organization id, if any. */
  get(): string | undefined {
    for (const pair of document.cookie.split('; ')) {
      const at = pair.indexOf('=');
      if (pair.slice(0, at) === this.#name) return decodeURIComponent(pair.slice(at + 1)) || undefined;
    }
    return undefined;
  }

  /** Remembers `organization` (the ID token's `org_id`); `undefined` forgets the hint. */
  set(organization: string | undefined, { daysUntilExpire = 1, cookieDomain }: CookieOptions): void {
    const expires = new Date(organization ? Date.now() + daysUntilExpire * 864e5 : 0).toUTCString();
    const secure = location.protocol === 'https:' ? '; secure' : '';
    const domain = cookieDomain ? `; domain=${cookieDomain}` : '';
    document.cookie = `${this.#name}=${encodeURIComponent(organization ?? '')}; expires=${expires}; path=/; SameSite=Lax${domain}${secure}`;
  }
}
