// The client's DPoP state in one object: its key pair, the servers' nonces, and proofs signed with
// that key. Auth0Client holds one when `useDpop` is on.
import { DpopKeyStore } from './key-store.js';
import { DpopNonceStore } from './nonce-store.js';
import { createDpopProof, type DpopProofParams } from './proof.js';
import { openDpopDatabase, type DpopDatabase } from './storage.js';

/** The key pair (as its store: `get`, `reload`, `remove`) with the nonces and the proofs. */
export class Dpop extends DpopKeyStore {
  readonly nonces: DpopNonceStore;

  /** @param timeoutMs how long opening IndexedDB may take before it counts as unavailable. */
  constructor(clientId: string, timeoutMs: number) {
    // Opened once, on first use; a failure stays (IndexedDB does not come back within a page).
    let database: Promise<DpopDatabase> | undefined;
    const db = () => (database ??= openDpopDatabase(timeoutMs));
    super(db, clientId);
    this.nonces = new DpopNonceStore(db, clientId);
  }

  /**
   * Opens the database and loads (or makes) the key pair.
   * @throws GenericError `dpop_unavailable` without a working IndexedDB.
   */
  async ready(): Promise<void> {
    await this.get();
  }

  /**
   * RFC 7638 thumbprint of the public key: the `dpop_jkt` authorize parameter (RFC 9449 §10). Read
   * afresh from the database, so a login binds to the key every tab of the origin shares now.
   */
  async thumbprint(): Promise<string> {
    return (await this.reload()).jkt;
  }

  /** A fresh proof signed with the client's key (RFC 9449 §4.2). */
  async proof(params: DpopProofParams): Promise<string> {
    return createDpopProof(await this.get(), params);
  }

  /** Deletes the key pair and every nonce of the client (logout). */
  async clear(): Promise<void> {
    await Promise.all([this.remove(), this.nonces.clear()]);
  }
}
