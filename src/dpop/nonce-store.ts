// DPoP nonces (RFC 9449 §8 for the tenant, §9 for resource servers): the last nonce each server
// handed out, per client and per id — the tenant's under no id, each API's under the
// `dpopNonceId` its fetcher was created with. Kept in IndexedDB, shared by the tabs of the origin,
// with a copy in memory so a proof does not wait for a database read.

import type { DpopDatabase } from './storage.js';

export class DpopNonceStore {
  readonly #memory = new Map<string, string>();
  readonly #db: () => Promise<DpopDatabase>;
  readonly #clientId: string;

  constructor(db: () => Promise<DpopDatabase>, clientId: string) {
    this.#db = db;
    this.#clientId = clientId;
  }

  /** The SPA SDK's keys: `<clientId>::auth0` for the tenant, `<clientId>::_<id>` for an API. */
  #key(id: string | undefined): string {
    return `${this.#clientId}::${id ? `_${id}` : 'auth0'}`;
  }

  /** The last nonce of the server `id` (the tenant when omitted), or `undefined`. */
  async get(id?: string): Promise<string | undefined> {
    const key = this.#key(id);
    if (!this.#memory.has(key)) {
      const stored = await (await this.#db()).get<string>('nonce', key);
      if (stored !== undefined) this.#memory.set(key, stored);
    }
    return this.#memory.get(key);
  }

  /** Remembers the nonce the server `id` (the tenant when omitted) sent last. */
  async set(nonce: string, id?: string): Promise<void> {
    const key = this.#key(id);
    this.#memory.set(key, nonce);
    await (await this.#db()).put('nonce', nonce, key);
  }

  /** Forgets every nonce of this client (logout). */
  async clear(): Promise<void> {
    this.#memory.clear();
    const prefix = `${this.#clientId}::`;
    await (await this.#db()).delete('nonce', IDBKeyRange.bound(prefix, `${prefix}\uffff`));
  }
}
