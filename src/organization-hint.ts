// The organization hint: the `auth0.<clientId>.organization_hint` cookie (the SPA SDK's name)
// remembers the organization of the last login, so that silent authentication asks the tenant for
// a token of that same organization after a reload. Without it, a page whose client names no
// organization would come back from the hidden iframe with the user's organization-less session.
// It holds an organization id, never a secret.
import { getCookie, setCookie, type CookieOptions } from './cookies.js';

/** The hint cookie of one client. */
export class OrganizationHint {
  readonly #name: string;

  constructor(clientId: string) {
    this.#name = `auth0.${clientId}.organization_hint`;
  }

  /** The remembered organization id, if any. */
  get(): string | undefined {
    return getCookie(this.#name) || undefined;
  }

  /** Remembers `organization` (the ID token's `org_id`); `undefined` forgets the hint. */
  set(organization: string | undefined, options: CookieOptions): void {
    setCookie(this.#name, organization || undefined, options);
  }
}
