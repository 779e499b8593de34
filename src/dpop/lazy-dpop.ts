// The client's DPoP state as the rest of the engine sees it, with the code behind it (key store,
// IndexedDB, proofs) in a chunk of its own: loaded on first use, so a page without `useDpop` never
// downloads it, and one with it only once the session starts.
import type { Dpop } from './dpop.js';
import type { DpopProofParams } from './proof.js';

/** `Dpop`'s API, every call loading the DPoP code first (once). */
export class LazyDpop {
  #dpop?: Promise<Dpop>;
  readonly #make: () => Promise<Dpop>;

  /** @param timeoutMs how long opening IndexedDB may take before it counts as unavailable. */
  constructor(clientId: string, timeoutMs: number) {
    this.#make = async () => new (await import('./dpop.js')).Dpop(clientId, timeoutMs);
  }

  #load(): Promise<Dpop> {
    return (this.#dpop ??= this.#make());
  }

  /** The servers' nonces (`Dpop.nonces`). */
  readonly nonces = {
    get: async (id?: string): Promise<string | undefined> => (await this.#load()).nonces.get(id),
    set: async (nonce: string, id?: string): Promise<void> => (await this.#load()).nonces.set(nonce, id),
    clear: async (): Promise<void> => (await this.#load()).nonces.clear(),
  };

  /** @see Dpop.ready */
  async ready(): Promise<void> {
    return (await this.#load()).ready();
  }

  /** @see Dpop.thumbprint */
  async thumbprint(): Promise<string> {
    return (await this.#load()).thumbprint();
  }

  /** @see Dpop.proof */
  async proof(params: DpopProofParams): Promise<string> {
    return (await this.#load()).proof(params);
  }

  /** @see Dpop.clear */
  async clear(): Promise<void> {
    return (await this.#load()).clear();
  }
}
