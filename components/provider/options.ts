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
  workerUrl?: string | null;
  authorizationParams?: Record<string, unknown> | undefined;
  cache?: Auth0ClientOptions['cache'];
}

/**
 * Provider property → engine option, written out (STYLE.md §5). Each property's attribute is its
 * name in kebab-case (`clientId` → `client-id`); `cache` and `authorizationParams` are properties
 * only and handled apart.
 */
const OPTIONS: Record<string, string> = {
  domain: 'domain',
  clientId: 'clientId',
  audience: 'authorizationParams.audience',
  scope: 'authorizationParams.scope',
  redirectUri: 'authorizationParams.redirect_uri',
  organization: 'authorizationParams.organization',
  cacheLocation: 'cacheLocation',
  useRefreshTokens: 'useRefreshTokens',
  useRefreshTokensFallback: 'useRefreshTokensFallback',
  useMrrt: 'useMrrt',
  useDpop: 'useDpop',
  issuer: 'issuer',
  leeway: 'leeway',
  authorizeTimeout: 'authorizeTimeoutInSeconds',
  httpTimeout: 'httpTimeoutInSeconds',
  workerUrl: 'workerUrl',
};

/** The provider properties that feed the engine. */
export const ENGINE_PROPERTIES = [...Object.keys(OPTIONS), 'authorizationParams', 'cache'];

/**
 * Builds the engine options from the provider's attributes. Absent attributes are left out so
 * the engine's defaults apply; `authorize-timeout` and `http-timeout` are in seconds, as the
 * engine's `authorizeTimeoutInSeconds` / `httpTimeoutInSeconds`. The `authorizationParams`
 * property wins over the attributes it overlaps.
 */
export function engineOptions(config: ProviderConfig): Auth0ClientOptions {
  const authorizationParams: Record<string, unknown> = {};
  const options: Record<string, unknown> = { domain: '', clientId: '', authorizationParams };
  for (const [property, option] of Object.entries(OPTIONS)) {
    const value = config[property as keyof ProviderConfig];
    const [target, key] = option.startsWith('authorizationParams.') ? [authorizationParams, option.slice(20)] : [options, option];
    // Boolean attributes are always given: absent means false.
    if (property.startsWith('use')) target[key] = !!value;
    else if (value !== null && value !== undefined) target[key] = value;
  }
  if (config.cache) options.cache = config.cache;
  Object.assign(authorizationParams, config.authorizationParams);
  return options as unknown as Auth0ClientOptions;
}

/**
 * Restates an engine `TypeError` in the page author's terms: the attribute to fix (found from the
 * option the message names), and what the engine said about the option (kept as `cause`).
 */
export function attributeError(error: unknown): Error {
  if (!(error instanceof TypeError)) return error instanceof Error ? error : new Error(String(error));
  const option = /`([\w.]+)`/.exec(error.message)?.[1];
  const property = Object.keys(OPTIONS).find((name) => OPTIONS[name] === option);
  const where = property ? `attribute "${property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}"` : 'its attributes';
  return new TypeError(`<auth0-provider>: check ${where}: ${error.message}`, { cause: error });
}
