// The engine's two hint cookies (session, organization) share one way of reading and writing:
// path `/`, SameSite=Lax, `secure` on https, the client's `cookieDomain`. They hold no secret.

export interface CookieOptions {
  daysUntilExpire?: number;
  cookieDomain?: string;
}

/** The decoded value of the cookie `name`, or `undefined` without one. */
export function getCookie(name: string): string | undefined {
  const prefix = `${encodeURIComponent(name)}=`;
  const pair = document.cookie.split('; ').find((item) => item.startsWith(prefix));
  return pair === undefined ? undefined : decodeURIComponent(pair.slice(prefix.length));
}

/** Writes the cookie `name` for `daysUntilExpire` (default 1); `value` `undefined` deletes it. */
export function setCookie(name: string, value: string | undefined, { daysUntilExpire = 1, cookieDomain }: CookieOptions = {}): void {
  const expires = new Date(value === undefined ? 0 : Date.now() + daysUntilExpire * 864e5).toUTCString();
  const domain = cookieDomain ? `; domain=${cookieDomain}` : '';
  const secure = location.protocol === 'https:' ? '; secure' : '';
  document.cookie = `${encodeURIComponent(name)}=${encodeURIComponent(value ?? '')}; expires=${expires}; path=/; SameSite=Lax${domain}${secure}`;
}
