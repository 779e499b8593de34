import type { Auth0Client } from '../../src/index.js';

/** The engine's constructor options. */
export type Auth0ClientOptions = ConstructorParameters<typeof Auth0Client>[0];

/** The attribute-backed properties of `<auth0-provider>` that feed the engine. */
export interface ProviderConfig {
  domain?: string | null;
  clientId?: string | null;
  audience?: string | null;
  scope?: string | null;
  redirectUri?: string | null;
  organization?: string | null;
  cacheLocation?: string | null;
  useRefreshTokens?: boolean;
  useRefreshTokensFallback?: boolean;
  useMrrt?: boolean;
  useDpop?: boolean;
  issuer?: string | null;
  leeway?: number | null;
  authorizeTimeout?: number | null;
  httpTimeout?: number | null;
  authorizationParams?: Record<string, unknown> | undefined;
  cache?: Auth0ClientOptions['cache'];
}

/**
 * Engine option → the provider attribute that sets it, written out (STYLE.md §5). Longer names
 * first, so that a message naming `useRefreshTokensFallback` is not taken for `useRefreshTokens`.
 */
export const OPTION_ATTRIBUTES: ReadonlyArray<readonly [option: string, attribute: string]> = [
  ['authorizationParams.redirect_uri', 'redirect-uri'],
  ['authorizationParams.organization', 'organization'],
  ['authorizationParams.audience', 'audience'],
  ['authorizationParams.scope', 'scope'],
  ['redirect_uri', 'redirect-uri'],
  ['authorizeTimeoutInSeconds', 'authorize-timeout'],
  ['httpTimeoutInSeconds', 'http-timeout'],
  ['useRefreshTokensFallback', 'use-refresh-tokens-fallback'],
  ['useRefreshTokens', 'use-refresh-tokens'],
  ['cacheLocation', 'cache-location'],
  ['clientId', 'client-id'],
  ['useMrrt', 'use-mrrt'],
  ['useDpop', 'use-dpop'],
  ['domain', 'domain'],
  ['issuer', 'issuer'],
  ['leeway', 'leeway'],
];

const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

/**
 * Builds the engine options from the provider's attributes. Absent attributes are left out so
 * the engine's defaults apply; `authorize-timeout` and `http-timeout` are in seconds, as the
 * engine's `authorizeTimeoutInSeconds` / `httpTimeoutInSeconds`. The `authorizationParams`
 * property wins over the attributes it overlaps.
 */
export function engineOptions(config: ProviderConfig): Auth0ClientOptions {
  const authorizationParams: Record<string, unknown> = {};
  if (given(config.audience)) authorizationParams.audience = config.audience;
  if (given(config.scope)) authorizationParams.scope = config.scope;
  if (given(config.redirectUri)) authorizationParams.redirect_uri = config.redirectUri;
  if (given(config.organization)) authorizationParams.organization = config.organization;
  Object.assign(authorizationParams, config.authorizationParams);

  const options: Record<string, unknown> = {
    domain: config.domain ?? '',
    clientId: config.clientId ?? '',
    authorizationParams,
    useRefreshTokens: !!config.useRefreshTokens,
    useRefreshTokensFallback: !!config.useRefreshTokensFallback,
    useMrrt: !!config.useMrrt,
    useDpop: !!config.useDpop,
  };
  if (given(config.cacheLocation)) options.cacheLocation = config.cacheLocation;
  if (given(config.cache)) options.cache = config.cache;
  if (given(config.issuer)) options.issuer = config.issuer;
  if (given(config.leeway)) options.leeway = config.leeway;
  if (given(config.authorizeTimeout)) options.authorizeTimeoutInSeconds = config.authorizeTimeout;
  if (given(config.httpTimeout)) options.httpTimeoutInSeconds = config.httpTimeout;
  return options as unknown as Auth0ClientOptions;
}

/**
 * Restates an engine `TypeError` in the page author's terms: the attribute to fix, and what the
 * engine said about the option (kept as `cause`).
 */
export function attributeError(error: unknown): Error {
  if (!(error instanceof TypeError)) return error instanceof Error ? error : new Error(String(error));
  const attribute = OPTION_ATTRIBUTES.find(([option]) => error.message.includes(option))?.[1];
  const where = attribute ? `attribute "${attribute}"` : 'its attributes';
  return new TypeError(`<auth0-provider>: check ${where}: ${error.message}`, { cause: error });
}
