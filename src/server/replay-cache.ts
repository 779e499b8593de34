import { ReplayStoreUnavailableError } from './errors.js';

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
   * Throws (or rejects) when it cannot record: the proof is then refused (fail closed) with a
   * `ReplayStoreUnavailableError`.
   */
  seen(key: string, expiresAt: number): boolean | Promise<boolean>;
}

/** Options of {@link InMemoryReplayCache}. */
export interface InMemoryReplayCacheOptions {
  /**
   * Most entries kept. A proof's entry lives through its window (`iatWindow` + 1 s, 61 s by
   * default), so this bounds the proofs per second the API takes: 200 000 / 61 s ≈ 3 300 per
   * second. Default 200 000 (about 30 MB).
   */
  maxEntries?: number;
}

/**
 * The default {@link ReplayStore}: a bounded map in this process. Entries leave only when they
 * expire (after that the proof is refused anyway: its `iat` or nonce is out of its window). When
 * the map is full of live entries a new proof is refused with {@link ReplayStoreUnavailableError}
 * (503): forgetting a live `jti` would let its proof be replayed, so a flood of valid proofs can
 * slow the API down but never open it.
 */
export class InMemoryReplayCache implements ReplayStore {
  readonly #entries = new Map<string, number>();
  readonly #maxEntries: number;
  /** When the front entry expires (Infinity: no entry). */
  #frontExpiresAt = Infinity;

  constructor({ maxEntries = 200_000 }: InMemoryReplayCacheOptions = {}) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new TypeError('InMemoryReplayCache: maxEntries must be a positive integer');
    }
    this.#maxEntries = maxEntries;
  }

  /** How many entries are held now. */
  get size(): number {
    return this.#entries.size;
  }

  /** @throws {ReplayStoreUnavailableError} every entry is still live and there is no room. */
  seen(key: string, expiresAt: number): boolean {
    const now = Date.now();
    const known = this.#entries.get(key);
    if (known !== undefined) {
      if (known > now) return true;
      this.#entries.delete(key);
      this.#frontExpiresAt = 0; // it may have been the front one
    }
    if (now >= this.#frontExpiresAt || this.#entries.size >= this.#maxEntries) this.#evictExpired(now);
    if (this.#entries.size >= this.#maxEntries) {
      throw new ReplayStoreUnavailableError('the DPoP replay cache is full of proofs still inside their window', {
        retryAfter: Math.max(1, Math.ceil((this.#frontExpiresAt - now) / 1000)),
      });
    }
    if (this.#entries.size === 0) this.#frontExpiresAt = expiresAt;
    this.#entries.set(key, expiresAt);
    return false;
  }

  /**
   * Insertion order is close to expiry order (every entry lives about one window), so expired
   * entries are found at the front; stop at the first live one to stay O(1) amortised, and
   * remember when it expires: until then there is nothing to look for. A live entry is never
   * removed.
   */
  #evictExpired(now: number): void {
    this.#frontExpiresAt = Infinity;
    for (const [key, expiresAt] of this.#entries) {
      if (expiresAt > now) {
        this.#frontExpiresAt = expiresAt;
        break;
      }
      this.#entries.delete(key);
    }
  }
}
