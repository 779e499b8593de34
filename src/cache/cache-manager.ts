// Reads and writes token entries with the SPA SDK's rules: key format, 60 s expiry margin, exact
// key first, else an entry of the same audience whose scope is a superset (DESIGN.md §3). Every
// entry records the tenant it came from, and only entries of this engine's tenant are read (an ID
// token's `iss` was verified against its engine's issuer before it was written): the keys name
// the client alone, and another engine of the same client on the page — an injected
// `<auth0-provider domain="evil.example">` — must find nothing.
import {
  CACHE_KEY_PREFIX,
  cacheKey,
  idTokenKey,
  parseCacheKey,
  type CacheEntry,
  type CacheKeyParts,
  type DecodedToken,
  type ICache,
  type IdTokenEntry,
  type WrappedCacheEntry,
} from './cache-entry.js';
import { isExpired, isIdTokenEntry, isTokenEntry, warnDropped } from './entry-shape.js';
import { InMemoryCache } from './in-memory-cache.js';
import { KeyManifest } from './key-manifest.js';
import { LocalStorageCache } from './local-storage-cache.js';
import { scopesIncluded } from '../scope.js';

/** A cached token counts as expired this many seconds before its `expiresAt`. */
export const EXPIRY_MARGIN_SECONDS = 60;

/** The engine's view of one cache, for one client. */
export class CacheManager {
  readonly #cache: ICache;
  readonly #now: () => number | Promise<number>;
  readonly #manifest?: KeyManifest;
  readonly #tenant: string;

  /** The hot path's synchronous read, for the built-in caches (LocalStorageCache: its parsed copy). */
  readonly #peekRead?: (key: string) => unknown;

  /** @param tenant the `domain` URL, recorded in every entry written and required of every entry read. */
  constructor(cache: ICache, clientId: string, now: () => number | Promise<number>, tenant: string) {
    this.#cache = cache;
    this.#tenant = tenant;
    if (cache instanceof LocalStorageCache) this.#peekRead = (key) => cache.peek(key);
    else if (cache instanceof InMemoryCache) this.#peekRead = (key) => cache.get(key);
    this.#now = now;
    if (!cache.allKeys) this.#manifest = new KeyManifest(cache, clientId);
  }

  async #nowSeconds(): Promise<number> {
    return Math.floor((await this.#now()) / 1000);
  }

  /**
   * The hot path of `getTokenSilently`: a live entry under the exact key and the ID token, read
   * without awaiting — when the cache and the clock answer synchronously (the built-in caches do).
   * Anything else (a promise, no exact key, an entry near expiry) is `undefined`: the caller then
   * takes the full path through `get`, which applies every rule. `key` and `idKey` are
   * `cacheKey(parts)` and `idTokenKey(parts.clientId)`, when the caller keeps them.
   */
  peek(parts: CacheKeyParts, key?: string, idKey?: string): { entry: Partial<CacheEntry>; idToken: IdTokenEntry } | undefined {
    const read = this.#peekRead;
    if (!read) return undefined;
    const now = this.#now();
    if (typeof now !== 'number') return undefined;
    const wrapped = read(key ?? cacheKey(parts)) as WrappedCacheEntry | undefined;
    if (!isTokenEntry(wrapped) || !this.#own(wrapped) || !wrapped.body.access_token || isExpired(wrapped, EXPIRY_MARGIN_SECONDS, Math.floor(now / 1000))) return undefined;
    const idToken = this.#ownIdToken(read(idKey ?? idTokenKey(parts.clientId)));
    return idToken && { entry: wrapped.body, idToken };
  }

  /** An access-token entry this engine wrote (or one of its tenant did). */
  #own(wrapped: WrappedCacheEntry | undefined): wrapped is WrappedCacheEntry {
    return wrapped?.body?.tenant === this.#tenant;
  }

  /** A well-formed ID-token entry of this tenant, else `undefined`. */
  #ownIdToken(entry: unknown): IdTokenEntry | undefined {
    return isIdTokenEntry(entry) && entry.tenant === this.#tenant ? entry : undefined;
  }

  /** Every key the engine can see: from `allKeys()` or the manifest. */
  async keys(): Promise<string[]> {
    return (await (this.#manifest ? this.#manifest.keys() : this.#cache.allKeys!())) ?? [];
  }

  /**
   * The live entry for `parts`, or `undefined`. An expired entry is removed, except that one with
   * a refresh token is left as it is and only its token is returned: rewriting it here could put
   * back a token another tab rotated meanwhile (reuse detection would then revoke the family).
   */
  async get(parts: CacheKeyParts, marginSeconds = EXPIRY_MARGIN_SECONDS): Promise<Partial<CacheEntry> | undefined> {
    let key = cacheKey(parts);
    let wrapped = await this.#read(key, isTokenEntry);
    if (!wrapped) {
      const match = (await this.keys()).find((k) => isSuperset(parseCacheKey(k), parts));
      if (match) wrapped = await this.#read((key = match), isTokenEntry);
    }
    // Another tenant's entry is as good as none (and not ours to remove).
    if (!this.#own(wrapped)) return undefined;
    if (isExpired(wrapped, marginSeconds, await this.#nowSeconds())) {
      if (wrapped.body.refresh_token) return { refresh_token: wrapped.body.refresh_token };
      await this.remove(key);
      return undefined;
    }
    return wrapped.body;
  }

  /** Stores an access-token entry (without the ID token, which has its own key). */
  async set(entry: CacheEntry): Promise<void> {
    const key = cacheKey({ clientId: entry.client_id, audience: entry.audience, scope: entry.scope });
    const wrapped: WrappedCacheEntry = { body: { ...entry, tenant: this.#tenant }, expiresAt: (await this.#nowSeconds()) + entry.expires_in };
    await this.#cache.set(key, wrapped);
    await this.#manifest?.add(key);
  }

  /** The client's ID token entry, when it came from this tenant. */
  async getIdToken(clientId: string): Promise<IdTokenEntry | undefined> {
    return this.#ownIdToken(await this.#read(idTokenKey(clientId), isIdTokenEntry));
  }

  /** The entry under `key` if it has the right shape; a malformed one is removed and logged once. */
  async #read<T>(key: string, check: (value: unknown) => value is T): Promise<T | undefined> {
    const value = await this.#cache.get(key);
    if (value == null || check(value)) return value ?? undefined;
    warnDropped(key);
    await this.remove(key);
    return undefined;
  }

  async setIdToken(clientId: string, id_token: string, decodedToken: DecodedToken): Promise<void> {
    const key = idTokenKey(clientId);
    await this.#cache.set<IdTokenEntry>(key, { id_token, decodedToken, tenant: this.#tenant });
    await this.#manifest?.add(key);
  }

  /** Every access-token entry of `clientId` and this tenant as stored (expired ones too), with its key's parts. */
  async entries(clientId: string): Promise<Array<{ key: string; parts: CacheKeyParts; wrapped: WrappedCacheEntry }>> {
    const found = [];
    for (const key of await this.keys()) {
      const parts = parseCacheKey(key);
      const wrapped = parts?.clientId === clientId ? await this.#cache.get<WrappedCacheEntry>(key) : undefined;
      if (parts && isTokenEntry(wrapped) && this.#own(wrapped)) found.push({ key, parts, wrapped });
    }
    return found;
  }

  /** Writes `wrapped` back under `key` as given (its expiry unchanged). */
  async rewrite(key: string, wrapped: WrappedCacheEntry): Promise<void> {
    await this.#cache.set(key, wrapped);
  }

  /** Removes one entry. */
  async remove(key: string): Promise<void> {
    await this.#cache.remove(key);
    await this.#manifest?.remove(key);
  }

  /**
   * Removes the engine's entries of `clientId`, or of every client when it is `undefined`. Keys
   * without the engine's prefix are left alone (a custom `allKeys` may list the whole storage).
   */
  async clear(clientId?: string): Promise<void> {
    for (const key of await this.keys()) {
      const [prefix, owner] = key.split('::');
      if (prefix === CACHE_KEY_PREFIX && (clientId === undefined || owner === clientId)) await this.#cache.remove(key);
    }
    await this.#manifest?.clear();
  }

}

function isSuperset(candidate: CacheKeyParts | undefined, wanted: CacheKeyParts): boolean {
  return candidate?.clientId === wanted.clientId && candidate.audience === wanted.audience && scopesIncluded(wanted.scope, candidate.scope);
}
