// The engine's two hint cookies, the SPA SDK's names, read and written one way: path `/`,
// SameSite=Lax, `secure` on https, the client's `cookieDomain`. They hold no secret.
//  - `auth0.<clientId>.is.authenticated`: this browser had a session, so `checkSession` on load
//    only contacts the tenant when there may be something to find;
//  - `auth0.<clientId>.organization_hint`: the organization (`org_id`) of the last login, so that
//    silent authentication after a reload asks for a token of that same organization — without
//    it, a client that names no organization would get the user's organization-less session.

/** The name of the session hint cookie. */
export const sessionHint = (clientId: string): string => `auth0.${clientId}.is.authenticated`;

/** The name of the organization hint cookie. */
export const organizationHint = (clientId: string): string => `auth0.${clientId}.organization_hint`;

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
