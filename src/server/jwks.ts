import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { NetworkError, TimeoutError } from './errors.js';
import { verifyKeyFor, type VerifyKey } from './signature.js';

/** How the tenant's JWKS is cached (RFC 7517 §5). Seconds. */
export interface JwksCacheOptions {
  /** Keys younger than this are used without asking the tenant. Default 600 (jose's). */
  maxAge?: number;
  /**
   * While the JWKS cannot be fetched, keys already known keep verifying for this long past
   * `maxAge`; after that every verification fails closed (`NetworkError`). Default 3600.
   */
  staleFor?: number;
  /**
   * Least time between two fetches caused by an unknown `kid`; a request with an unknown `kid`
   * waits for the next fetch instead of failing. Default 2.
   */
  cooldown?: number;
}

/** Fixed per `ApiClient`. Milliseconds. */
export interface JwksConfig {
  uri: URL;
  timeoutMs: number;
  maxAgeMs: number;
  staleForMs: number;
  cooldownMs: number;
}

// After a failed fetch: wait 1 s, then twice as long each time, at most a minute.
const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 60_000;
// A JWKS is a handful of keys; anything much larger is not a JWKS.
const MAX_KEYS = 100;

interface KnownKey {
  jwk: Record<string, unknown>;
  /** Imported on first use, per alg. */
  byAlg: Map<string, VerifyKey | null>;
}

/** The key a token names was not in the JWKS, or the JWKS gives no single key for it. */
export class NoMatchingKeyError extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref?.());

/**
 * The tenant's signing keys, fetched over HTTP and kept as imported node:crypto keys per `kid`.
 * One fetch at a time, shared by every request that needs it; after a failure the next fetch
 * waits (1 s, doubling to 60 s), and until `maxAge + staleFor` the known keys keep verifying.
 */
export class RemoteJwks {
  readonly #config: JwksConfig;
  #keys: KnownKey[] = [];
  /** When the keys were last fetched successfully (0: never). */
  #fetchedAt = 0;
  /** No fetch before this time (cooldown after a fetch, backoff after a failure). */
  #nextFetchAt = 0;
  #backoffMs = 0;
  #lastError: Error | undefined;
  #inFlight: Promise<void> | undefined;
  /** Fetches finished so far: a request that waited knows whether one ended meanwhile. */
  #fetches = 0;

  constructor(config: JwksConfig) {
    this.#config = config;
  }

  /**
   * The key for a token header, without waiting when the cache can answer: a `VerifyKey`, or a
   * promise of one when the JWKS must be fetched first.
   * @throws {NoMatchingKeyError} no key fits (also after the fetch that looked for it).
   * @throws {NetworkError} the JWKS could not be fetched and no key may be used.
   */
  key(alg: string, kid: unknown, now = Date.now()): VerifyKey | Promise<VerifyKey> {
    const age = now - this.#fetchedAt;
    if (this.#fetchedAt && age < this.#config.maxAgeMs + this.#config.staleForMs) {
      if (age >= this.#config.maxAgeMs) this.#refreshInBackground(now);
      const known = this.#find(alg, kid);
      if (known) return known;
      // An unknown kid: a key the tenant has just rotated in. Wait for the next fetch.
      return this.#refetch(now).then(() => this.#findOrFail(alg, kid));
    }
    // Nothing usable: the first fetch, or every key is past its stale period.
    return this.#refetch(now).then(() => this.#findOrFail(alg, kid));
  }

  #findOrFail(alg: string, kid: unknown): VerifyKey {
    const key = this.#find(alg, kid);
    if (key) return key;
    throw new NoMatchingKeyError('no key of the JWKS matches the token');
  }

  /** RFC 7517 §4: one key of a fitting type, `use` sig when given, `alg` the token's when given. */
  #find(alg: string, kid: unknown): VerifyKey | undefined {
    let found: KnownKey | undefined;
    for (const known of this.#keys) {
      const { jwk } = known;
      if (kid !== undefined && jwk.kid !== kid) continue;
      if (jwk.use !== undefined && jwk.use !== 'sig') continue;
      if (jwk.alg !== undefined && jwk.alg !== alg) continue;
      if (!known.byAlg.has(alg)) known.byAlg.set(alg, importFor(alg, jwk) ?? null);
      if (!known.byAlg.get(alg)) continue;
      if (found) return undefined; // two candidates: no single key
      found = known;
    }
    return found?.byAlg.get(alg) ?? undefined;
  }

  #refreshInBackground(now: number): void {
    if (this.#inFlight || now < this.#nextFetchAt) return;
    // Known keys keep answering meanwhile; a failure is remembered for the backoff only.
    this.#refetch(now).catch(() => {});
  }

  /**
   * Joins the fetch in flight, or starts one when allowed; in the cooldown after a successful
   * fetch, waits for the next one (at most `cooldown`). During the backoff after a failed fetch
   * the JWKS is down: answer its NetworkError at once rather than hold the request.
   */
  #refetch(now: number, since = this.#fetches): Promise<void> {
    // A fetch ended while this request waited (its timer fired a little late): use its outcome.
    if (this.#fetches !== since) return this.#lastError ? Promise.reject(this.#lastError) : Promise.resolve();
    if (this.#inFlight) return this.#inFlight;
    const wait = this.#nextFetchAt - now;
    if (wait > 0) {
      if (this.#lastError) return Promise.reject(this.#lastError);
      return sleep(wait).then(() => this.#refetch(Date.now(), since));
    }
    this.#inFlight = this.#fetch().finally(() => {
      this.#inFlight = undefined;
      this.#fetches += 1;
    });
    return this.#inFlight;
  }

  async #fetch(): Promise<void> {
    try {
      const keys = await fetchJwks(this.#config);
      this.#keys = keys.map((jwk) => ({ jwk, byAlg: new Map() }));
      this.#fetchedAt = Date.now();
      this.#lastError = undefined;
      this.#backoffMs = 0;
      this.#nextFetchAt = this.#fetchedAt + this.#config.cooldownMs;
    } catch (error) {
      this.#lastError = error as Error;
      this.#backoffMs = Math.min(this.#backoffMs ? this.#backoffMs * 2 : FIRST_BACKOFF_MS, MAX_BACKOFF_MS);
      this.#nextFetchAt = Date.now() + this.#backoffMs;
      throw error;
    }
  }
}

function importFor(alg: string, jwk: Record<string, unknown>): VerifyKey | undefined {
  try {
    return verifyKeyFor(alg, createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }));
  } catch {
    return undefined; // not a public key node:crypto can read: it verifies nothing
  }
}

async function fetchJwks({ uri, timeoutMs }: JwksConfig): Promise<Record<string, unknown>[]> {
  let body: unknown;
  try {
    const response = await fetch(uri, {
      headers: { accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new NetworkError(`the tenant JWKS answered HTTP ${response.status}`);
    }
    body = await response.json();
  } catch (cause) {
    if (cause instanceof NetworkError) throw cause;
    const name = (cause as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new TimeoutError('the tenant JWKS did not answer in time', { cause });
    }
    throw new NetworkError('the tenant JWKS could not be loaded', { cause });
  }
  const keys = (body as { keys?: unknown })?.keys;
  if (!Array.isArray(keys) || keys.length > MAX_KEYS || keys.some((key) => !key || typeof key !== 'object' || Array.isArray(key))) {
    throw new NetworkError('the tenant JWKS is not a JSON Web Key Set');
  }
  return keys as Record<string, unknown>[];
}
