// The `auth0.<clientId>.is.authenticated` cookie: a hint, holding no secret, that this browser had
// a session, so `checkSession` on load only contacts the tenant when there may be something to find.

export interface CookieOptions {
  daysUntilExpire?: number;
  cookieDomain?: string;
}

/** The hint cookie of one client. */
export class SessionCookie {
  readonly name: string;

  constructor(clientId: string) {
    this.name = `auth0.${clientId}.is.authenticated`;
  }

  exists(): boolean {
    return document.cookie.split('; ').some((pair) => pair.split('=')[0] === encodeURIComponent(this.name));
  }

  save({ daysUntilExpire = 1, cookieDomain }: CookieOptions): void {
    const expires = new Date(Date.now() + daysUntilExpire * 864e5).toUTCString();
    this.#write(`true; expires=${expires}`, cookieDomain);
  }

  remove({ cookieDomain }: CookieOptions = {}): void {
    this.#write(`; expires=${new Date(0).toUTCString()}`, cookieDomain);
  }

  #write(valueAndExpiry: string, cookieDomain?: string): void {
    const secure = location.protocol === 'https:' ? '; secure' : '';
    const domain = cookieDomain ? `; domain=${cookieDomain}` : '';
    document.cookie = `${encodeURIComponent(this.name)}=${valueAndExpiry}; path=/; SameSite=Lax${domain}${secure}`;
  }
}
