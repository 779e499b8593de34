// The `auth0.<clientId>.is.authenticated` cookie: a hint, holding no secret, that this browser had
// a session, so `checkSession` on load only contacts the tenant when there may be something to find.
import { getCookie, setCookie, type CookieOptions } from './cookies.js';

export type { CookieOptions };

/** The hint cookie of one client. */
export class SessionCookie {
  readonly name: string;

  constructor(clientId: string) {
    this.name = `auth0.${clientId}.is.authenticated`;
  }

  exists(): boolean {
    return getCookie(this.name) !== undefined;
  }

  save(options: CookieOptions): void {
    setCookie(this.name, 'true', options);
  }

  remove(options?: CookieOptions): void {
    setCookie(this.name, undefined, options);
  }
}
