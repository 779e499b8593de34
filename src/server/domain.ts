import { InvalidArgumentError, MissingRequiredArgumentError } from './errors.js';

/** Where a tenant lives, derived from the `domain` option. */
export interface TenantUrls {
  /** `https://tenant.auth0.com` (or the given `http(s)://…` base), no trailing slash. */
  base: string;
  /** The `iss` of the tenant's tokens: the base with a trailing slash, as Auth0 issues it. */
  issuer: string;
  /** `<issuer>.well-known/jwks.json`. */
  jwksUri: URL;
  /** `<base>/oauth/token`. */
  tokenEndpoint: URL;
}

/**
 * Reads the `domain` option as Auth0's SDKs do: a bare host (`tenant.eu.auth0.com`) means
 * `https://host`; a value that starts with `http://` or `https://` is used as is (the local tenant
 * is `http://127.0.0.1:PORT`).
 */
export function tenantUrls(domain: unknown): TenantUrls {
  if (domain === undefined || domain === null || domain === '') {
    throw new MissingRequiredArgumentError('domain', 'ApiClient: the domain option is required (e.g. "tenant.eu.auth0.com")');
  }
  if (typeof domain !== 'string') {
    throw new InvalidArgumentError('domain', 'ApiClient: the domain option must be a string');
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(domain)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    throw new InvalidArgumentError('domain', `ApiClient: the domain option must be a host or an http(s) URL, not ${scheme}:`);
  }
  const withScheme = scheme ? domain : `https://${domain}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new InvalidArgumentError('domain', `ApiClient: the domain option is not a host or an http(s) URL: ${domain}`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new InvalidArgumentError('domain', 'ApiClient: the domain option must not carry credentials, a query or a fragment');
  }
  const base = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  const issuer = `${base}/`;
  return {
    base,
    issuer,
    jwksUri: new URL('.well-known/jwks.json', issuer),
    tokenEndpoint: new URL(`${base}/oauth/token`),
  };
}
