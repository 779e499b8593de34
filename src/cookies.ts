// The engine's two hint cookies, the SPA SDK's names, values (JSON) and attributes, so sessions
// carry over between the SDK and us both ways: path `/`, the client's `cookieDomain`, on https
// `Secure; SameSite=None`, plus a `_legacy_<name>` copy without SameSite for old browsers
// (`legacySameSiteCookie`, default true). They hold no secret.
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
  /** Days until it expires (default 1); `0`: a session cookie, as in the SPA SDK. */
  daysUntilExpire?: number;
  cookieDomain?: string;
  legacySameSiteCookie?: boolean;
}

const LEGACY = '_legacy_';

function read(name: string): string | undefined {
  const prefix = `${encodeURIComponent(name)}=`;
  const pair = document.cookie.split('; ').find((item) => item.startsWith(prefix));
  return pair === undefined ? undefined : decodeURIComponent(pair.slice(prefix.length));
}

/** The value of the cookie `name` (or its `_legacy_` copy), JSON-decoded as the SDK writes it; `undefined` without one. */
export function getCookie(name: string): any {
  const raw = read(name) ?? read(LEGACY + name);
  try {
    return raw && JSON.parse(raw);
  } catch {
    return raw; // written raw by an older version of ours
  }
}

/** Writes the cookie `name` (and its legacy copy) as JSON; `value` `undefined` deletes both. */
export function setCookie(name: string, value: unknown, { daysUntilExpire = 1, cookieDomain, legacySameSiteCookie }: CookieOptions = {}): void {
  const https = location.protocol === 'https:';
  const expires = value === undefined ? new Date(0) : daysUntilExpire && new Date(Date.now() + daysUntilExpire * 864e5);
  const attributes = `${expires ? `; expires=${expires.toUTCString()}` : ''}; path=/${cookieDomain ? `; domain=${cookieDomain}` : ''}${https ? '; secure' : ''}`;
  const pair = `${encodeURIComponent(name)}=${value === undefined ? '' : encodeURIComponent(JSON.stringify(value))}${attributes}`;
  if (legacySameSiteCookie !== false || value === undefined) document.cookie = LEGACY + pair;
  document.cookie = pair + (https ? '; SameSite=None' : '');
}
