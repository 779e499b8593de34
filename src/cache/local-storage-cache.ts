import { CACHE_KEY_PREFIX, type ICache } from './cache-entry.js';
import { guarded } from './storage-errors.js';
import { changed, ReadCopy } from './read-copy.js';

/**
 * `cacheLocation: 'localstorage'`: entries survive reloads and are shared by the origin's tabs, and
 * so are readable by any script on the origin — choose it knowingly (XSS exposure). A storage that
 * throws (full, disabled) fails with GenericError `storage_full` / `storage_unavailable`.
 */
export class LocalStorageCache implements ICache {
  readonly #copy = new ReadCopy();

  get<T>(key: string): T | undefined {
    const json = guarded(() => localStorage.getItem(key));
    let value: T | undefined;
    try {
      value = json ? (JSON.parse(json) as T) : undefined;
    } catch {
      value = undefined; // written by someone else: treat as absent
    }
    this.#copy.keep(key, value);
    return value;
  }

  /**
   * `get` answered from the parsed copy while localStorage has not changed under `key` (as far as
   * this page can know: its own writes and other tabs' `storage` events). The engine's hot path.
   * The value is shared: read it, never change it.
   */
  peek<T>(key: string): T | undefined {
    const copy = this.#copy.read(key);
    return copy ? (copy.value as T | undefined) : this.get<T>(key);
  }

  set<T>(key: string, entry: T): void {
    changed(key);
    guarded(() => localStorage.setItem(key, JSON.stringify(entry)));
  }

  remove(key: string): void {
    changed(key);
    guarded(() => localStorage.removeItem(key));
  }

  /** Only the engine's own keys, not the rest of the origin's storage. */
  allKeys(): string[] {
    return guarded(() => Object.keys(localStorage)).filter((key) => key.startsWith(CACHE_KEY_PREFIX));
  }
}
