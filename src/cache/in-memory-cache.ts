import type { ICache } from './cache-entry.js';

/**
 * The default cache: entries live in this page's memory and are gone on reload (the session then
 * comes back through `checkSession`).
 */
export class InMemoryCache implements ICache {
  // A true private field: the entries are not reachable as a property of the cache.
  readonly #store = new Map<string, unknown>();

  /** The SPA SDK's `new InMemoryCache().enclosedCache`: the cache itself here. */
  get enclosedCache(): ICache {
    return this;
  }

  get<T>(key: string): T | undefined {
    return this.#store.get(key) as T | undefined;
  }

  set<T>(key: string, entry: T): void {
    this.#store.set(key, entry);
  }

  remove(key: string): void {
    this.#store.delete(key);
  }

  allKeys(): string[] {
    return [...this.#store.keys()];
  }
}
