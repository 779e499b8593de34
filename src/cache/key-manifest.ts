import { CACHE_KEY_PREFIX, type ICache } from './cache-entry.js';

interface ManifestEntry {
  keys: string[];
}

/**
 * For custom caches without `allKeys`: the list of keys the engine wrote, kept in the cache itself
 * under `@@auth0spajs@@::<clientId>`, so lookups by scope superset and `logout` can find them.
 */
export class KeyManifest {
  readonly #cache: ICache;
  readonly #key: string;

  constructor(cache: ICache, clientId: string) {
    this.#cache = cache;
    this.#key = `${CACHE_KEY_PREFIX}::${clientId}`;
  }

  async keys(): Promise<string[]> {
    return ((await this.#cache.get<ManifestEntry>(this.#key)) ?? { keys: [] }).keys;
  }

  async add(key: string): Promise<void> {
    const keys = new Set(await this.keys());
    if (keys.has(key)) return;
    keys.add(key);
    await this.#cache.set<ManifestEntry>(this.#key, { keys: [...keys] });
  }

  async remove(key: string): Promise<void> {
    const keys = (await this.keys()).filter((k) => k !== key);
    if (keys.length) await this.#cache.set<ManifestEntry>(this.#key, { keys });
    else await this.#cache.remove(this.#key);
  }

  async clear(): Promise<void> {
    await this.#cache.remove(this.#key);
  }
}
