// What the caches hold and under which keys — the SPA SDK's shapes and key format, so a custom
// cache written for `@auth0/auth0-spa-js` works unchanged (DESIGN.md §3).
import type { IdToken, User } from '../id-token.js';

/** Every key the engine writes starts with this. */
export const CACHE_KEY_PREFIX = '@@auth0spajs@@';
/** Suffix of the key that holds the ID token: `@@auth0spajs@@::<clientId>::@@user@@`. */
export const CACHE_KEY_ID_TOKEN_SUFFIX = '@@user@@';

type MaybePromise<T> = T | Promise<T>;

/**
 * A cache the application supplies. Every method may return a value or a promise. Without
 * `allKeys` the engine keeps a key manifest in the cache itself.
 */
export interface ICache {
  get<T = unknown>(key: string): MaybePromise<T | undefined>;
  set<T = unknown>(key: string, entry: T): MaybePromise<void>;
  remove(key: string): MaybePromise<void>;
  allKeys?(): MaybePromise<string[]>;
}

/** Verified ID token as the engine keeps it. */
export interface DecodedToken {
  claims: IdToken;
  user: User;
}

/** One token response, for one audience and scope. */
export interface CacheEntry {
  client_id: string;
  audience: string;
  /** The scope that was requested (part of the key). */
  scope: string;
  access_token: string;
  expires_in: number;
  token_type?: string;
  /** The scope the tenant granted, when it said. */
  oauthTokenScope?: string;
  refresh_token?: string;
  /** A token exchange's RFC 8693 §2.2.1 type, kept as the SDK keeps it. */
  issued_token_type?: string;
  id_token?: string;
  decodedToken?: DecodedToken;
  /**
   * The tenant (`domain` URL) whose token endpoint issued the entry. The cache keys name the
   * client only (the SPA SDK's format), so this is what binds a session to its tenant: an engine
   * for another domain never uses the entry, nor sends its refresh token anywhere.
   */
  tenant?: string;
}

/** What is stored under an access-token key: the entry and its absolute expiry (s since epoch). */
export interface WrappedCacheEntry {
  body: Partial<CacheEntry>;
  expiresAt: number;
}

/** What is stored under the `@@user@@` key. */
export interface IdTokenEntry {
  id_token: string;
  decodedToken: DecodedToken;
  /** As `CacheEntry.tenant`. */
  tenant?: string;
}

/** The parts of an access-token key. */
export interface CacheKeyParts {
  clientId: string;
  audience: string;
  scope: string;
}

/** `@@auth0spajs@@::<clientId>::<audience|default>::<scope>` */
export const cacheKey = ({ clientId, audience, scope }: CacheKeyParts): string =>
  [CACHE_KEY_PREFIX, clientId, audience, scope].join('::');

/** `@@auth0spajs@@::<clientId>::@@user@@` */
export const idTokenKey = (clientId: string): string =>
  [CACHE_KEY_PREFIX, clientId, CACHE_KEY_ID_TOKEN_SUFFIX].join('::');

/** Parses an access-token key; `undefined` for keys of another shape (manifest, ID token, others'). */
export function parseCacheKey(key: string): CacheKeyParts | undefined {
  const [prefix, clientId, audience, scope, ...rest] = key.split('::');
  if (prefix !== CACHE_KEY_PREFIX || !clientId || !audience || scope === undefined || rest.length) return undefined;
  return { clientId, audience, scope };
}
