import { CACHE_KEY_PREFIX, type ICache } from './cache-entry.js';
import { guarded } from './storage-errors.js';

/**
 * `cacheLocation: 'localstorage'`: entries survive reloads and are shared by the origin's tabs, and
 * so are readable by any script on the origin — choose it knowingly (XSS exposure). A storage that
 * throws (full, disabled) fails with GenericError `storage_full` / `storage_unavailable`.
 */
export class LocalStorageCache implements ICache {
  get<T>(key: string): T | undefined {
    const json = guarded(() => localStorage.getItem(key));
    if (!json) return undefined;
    try {
      return JSON.parse(json) as T;
    } catch {
      return undefined; // written by someone else: treat as absent
    }
  }

  set<T>(key: string, entry: T): void {
    guarded(() => localStorage.setItem(key, JSON.stringify(entry)));
  }

  remove(key: string): void {
    guarded(() => localStorage.removeItem(key));
  }

  /** Only the engine's own keys, not the rest of the origin's storage. */
  allKeys(): string[] {
    return guarded(() => Object.keys(localStorage)).filter((key) => key.startsWith(CACHE_KEY_PREFIX));
  }
}
