// The parsed copy behind `LocalStorageCache`'s hot path: `getTokenSilently` answered from the
// cache would otherwise read and parse two JSON entries of a few KB on every call. Entries are
// parsed once and kept until they change:
// - every write of this module's caches (any client of the page) marks its key changed;
// - another tab's write arrives as a `storage` event and marks its key (a `clear()`: every key);
// - every read of localStorage itself (`LocalStorageCache.get`: the full cache path, anything
//   under the token lock, `getUser`) refreshes the copy with what it found.
// So a token another tab removed (logout) or replaced (rotation) is never served once this tab
// has been told; a script of this page that writes the engine's keys behind its back must say
// so the same way (`dispatchEvent(new StorageEvent('storage', {key, storageArea: localStorage}))`).

/** Changes seen per key, and in total (a `clear()` of the storage changes every key). */
const changes = new Map<string, number>();
let cleared = 0;
let listening = false;

function listen(): void {
  if (listening || typeof addEventListener !== 'function') return;
  listening = true;
  addEventListener('storage', (event: StorageEvent) => {
    if (event.storageArea !== localStorage) return;
    if (event.key === null) cleared += 1;
    else changed(event.key);
  });
  // A page back from the back/forward cache or unfrozen may have missed events: read afresh.
  const stale = () => void (cleared += 1);
  addEventListener('pageshow', (event) => event.persisted && stale());
  if (typeof document === 'object') document.addEventListener('resume', stale);
}

/** `key` changed in localStorage: every copy of it is out of date. */
export function changed(key: string): void {
  changes.set(key, (changes.get(key) ?? 0) + 1);
}

interface Copy {
  value: unknown;
  change: number | undefined;
  cleared: number;
}

/** One cache's parsed entries, each valid until its key changes. */
export class ReadCopy {
  readonly #entries = new Map<string, Copy>();

  constructor() {
    listen();
  }

  /** The copy of `key`, when it is still what localStorage holds; else `undefined`. */
  read(key: string): { value: unknown } | undefined {
    const copy = this.#entries.get(key);
    return copy && copy.change === changes.get(key) && copy.cleared === cleared ? copy : undefined;
  }

  /** Keeps `value` as what localStorage holds under `key` now (just read and parsed). */
  keep(key: string, value: unknown): void {
    this.#entries.set(key, { value, change: changes.get(key), cleared });
  }
}
