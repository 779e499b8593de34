/**
 * Where the DPoP proof `jti`s already used are remembered (RFC 9449 §11.1). One atomic
 * check-and-record call, so a shared store (Redis `SET key 1 NX PXAT expiresAt`, a SQL unique key)
 * can replace the in-memory default when the API runs in several processes.
 */
export interface ReplayStore {
  /**
   * Records `key` until `expiresAt` (ms since the epoch) and returns false; returns true, and
   * records nothing, when `key` is already recorded and not expired (a replay).
   * `key` is opaque: a fixed-length digest of the proof key's thumbprint and the proof's `jti`.
   */
  seen(key: string, expiresAt: number): boolean | Promise<boolean>;
}

/** Options of {@link InMemoryReplayCache}. */
export interface InMemoryReplayCacheOptions {
  /** Most entries kept; the oldest go first when full. Default 10 000. */
  maxEntries?: number;
}

/**
 * The default {@link ReplayStore}: a bounded map in this process. Entries leave when they expire
 * (after that the proof's `iat` is out of the window anyway) or, when the cache is full, oldest
 * first — so memory stays bounded even under a flood of valid proofs.
 */
export class InMemoryReplayCache implements ReplayStore {
  readonly #entries = new Map<string, number>();
  readonly #maxEntries: number;

  constructor({ maxEntries = 10_000 }: InMemoryReplayCacheOptions = {}) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new TypeError('InMemoryReplayCache: maxEntries must be a positive integer');
    }
    this.#maxEntries = maxEntries;
  }

  /** How many entries are held now. */
  get size(): number {
    return this.#entries.size;
  }

  seen(key: string, expiresAt: number): boolean {
    const now = Date.now();
    const known = this.#entries.get(key);
    if (known !== undefined && known > now) return true;
    this.#entries.delete(key);
    this.#evict(now);
    this.#entries.set(key, expiresAt);
    return false;
  }

  /**
   * Insertion order is close to expiry order (every entry lives about one `iat` window), so
   * expired entries are found at the front; stop at the first live one to stay O(1) amortised.
   */
  #evict(now: number): void {
    for (const [key, expiresAt] of this.#entries) {
      if (expiresAt > now && this.#entries.size < this.#maxEntries) break;
      this.#entries.delete(key);
    }
  }
}
