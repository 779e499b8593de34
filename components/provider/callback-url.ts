// What the provider reads from the address bar on load, and how it cleans it afterwards.

/**
 * Parameters of an authorization response (RFC 6749 §4.1.2 and §4.1.2.1, RFC 9207 `iss`) and of
 * a connected-account response (`connect_code`).
 */
export const RESPONSE_PARAMS = ['code', 'connect_code', 'state', 'error', 'error_description', 'error_uri', 'iss'];
/** Parameters of an Auth0 organization invitation link. */
export const INVITATION_PARAMS = ['invitation', 'organization', 'organization_name'];

/** True when `url` carries a login (`code` or `error`) or connect (`connect_code`) response. */
export function isRedirectCallback(url: URL): boolean {
  const params = url.searchParams;
  return params.has('state') && (params.has('code') || params.has('error') || params.has('connect_code'));
}

/** The invitation in `url` (`?invitation=…&organization=…`), if it carries one. */
export function invitationOf(url: URL): { invitation: string; organization: string } | undefined {
  const invitation = url.searchParams.get('invitation');
  const organization = url.searchParams.get('organization');
  return invitation && organization ? { invitation, organization } : undefined;
}

/**
 * Puts `url` without `names` in its query in the address bar, with no navigation and no new
 * history entry: a reload or a shared link cannot replay the parameters.
 */
export function removeParams(url: URL, names: string[]): void {
  const clean = new URL(url);
  for (const name of names) clean.searchParams.delete(name);
  history.replaceState(history.state, '', clean.href);
}

/**
 * Where a login started, when an element recorded it: `appState.returnTo` as the page's full URL
 * (the SPA SDK's React and Vue wrappers go back to `returnTo` the same way), on this origin. The
 * page the tenant sent the browser to (`redirect-uri`, by default the site root) then moves there.
 * Other origins are ignored; a relative `returnTo` from the page's own code is left to the page.
 */
export function returnTo(appState: unknown): string | undefined {
  try {
    const url = new URL((appState as { returnTo: string }).returnTo); // throws unless an absolute URL
    if (url.origin === location.origin && url.href !== location.href) return url.href;
  } catch {
    // no returnTo, or a relative one: the page's own
  }
}
