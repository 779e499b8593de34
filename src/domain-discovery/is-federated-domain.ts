// Enterprise Connect's home-realm discovery: is an email domain federated to an enterprise
// connection of the tenant? Asked of the tenant's WebFinger endpoint (RFC 7033 §4), as the SPA
// SDK's dependency does; only the status counts (200 yes, anything else no). A routing hint, never a
// security control: the ID token after the callback is what says who logged in.

/** The options of `isFederatedDomain`, as the SDK's (`telemetry` is accepted and not sent). */
export interface IsFederatedDomainOptions {
  customFetch?: typeof fetch;
  telemetry?: unknown;
}

const ISSUER_REL = 'http://openid.net/specs/connect/1.0/issuer';
const TRUE_MS = 60_000;
const FALSE_MS = 15_000;
const MAX_ENTRIES = 1000;

/** Answers by `<tenant>|<domain>`, with their expiry (ms); the oldest go first past MAX_ENTRIES. */
const answers = new Map<string, { value: boolean; until: number }>();

function remember(key: string, value: boolean, ms: number): void {
  answers.delete(key);
  answers.set(key, { value, until: Date.now() + ms });
  if (answers.size > MAX_ENTRIES) answers.delete(answers.keys().next().value!);
}

/**
 * The tenant's base URL: a bare host means `https://host` (the SDK always uses https); an
 * `http://` or `https://` value is used as given, as the engine's `domain` option is (the local
 * tenant runs on plain http).
 */
function tenantUrl(auth0Domain: string): string {
  const value = String(auth0Domain).trim().replace(/\/+$/, '');
  return /^https?:\/\//i.test(value) ? value : `https://${value}`;
}

/**
 * Whether `emailDomain` (e.g. `acme.com`) is managed for enterprise SSO on the tenant
 * `auth0Domain`: `GET /.well-known/webfinger?resource=urn:auth0:discovery:domain:<domain>`. A yes
 * is kept for 60 s, a no (404) for 15 s; a rate limit (429, with a console warning), a network
 * failure or any other answer is `false`. Never rejects.
 * @see RFC 7033 §4.2
 */
export async function isFederatedDomain(auth0Domain: string, emailDomain: string, options?: IsFederatedDomainOptions): Promise<boolean> {
  const domain = String(emailDomain).toLowerCase();
  const base = tenantUrl(auth0Domain).toLowerCase();
  const key = `${base}|${domain}`;
  const known = answers.get(key);
  if (known && known.until > Date.now()) return known.value;
  try {
    const url = new URL(`${base}/.well-known/webfinger`);
    url.searchParams.set('resource', `urn:auth0:discovery:domain:${domain}`);
    url.searchParams.set('rel', ISSUER_REL);
    const response = await (options?.customFetch ?? fetch)(url.toString());
    if (response.ok) remember(key, true, TRUE_MS);
    else if (response.status === 404) remember(key, false, FALSE_MS);
    else if (response.status === 429) console.warn('[Auth0] isFederatedDomain: rate limit hit (429)');
    return response.ok;
  } catch {
    return false;
  }
}
