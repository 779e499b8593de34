// The client's DPoP key pair (RFC 9449 §2): ES256, generated non-extractable by WebCrypto, kept in
// IndexedDB so the same key signs after a reload, and deleted at logout.
import type { DpopDatabase } from './storage.js';
import { jwkThumbprint } from './thumbprint.js';

/** A key pair ready to sign proofs: the private key and the public JWK that goes in each proof. */
export interface DpopKey {
  keyPair: CryptoKeyPair;
  /** The public key as a JWK (`kty`, `crv`, `x`, `y` only): the proof header's `jwk`. */
  jwk: JsonWebKey;
  /** Its RFC 7638 thumbprint: `dpop_jkt` and the token's `cnf.jkt`. */
  jkt: string;
}

const ES256: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };

/**
 * One key pair per client id. The first `get` reads it from the database or generates and stores
 * it; later calls reuse it from memory, so a proof costs one signature and no database read.
 */
export class DpopKeyStore {
  #current?: Promise<DpopKey>;
  readonly #db: () => Promise<DpopDatabase>;
  readonly #clientId: string;

  constructor(db: () => Promise<DpopDatabase>, clientId: string) {
    this.#db = db;
    this.#clientId = clientId;
  }

  /** The SPA SDK's key of the client's key pair. */
  get #key(): string {
    return `${this.#clientId}::auth0`;
  }

  /** The client's key, created on first use. */
  get(): Promise<DpopKey> {
    const loading = (this.#current ??= this.#load());
    // A failure is not remembered: the next call tries again.
    loading.catch(() => {
      if (this.#current === loading) this.#current = undefined;
    });
    return loading;
  }

  /**
   * The key as the database has it now: another tab may have logged out (deleting it) or in
   * (storing a new one) since this page loaded it. Used where a binding starts (`dpop_jkt`).
   */
  reload(): Promise<DpopKey> {
    this.#current = undefined;
    return this.get();
  }

  /** Deletes the key pair (logout): the next `get` makes a new one. */
  async remove(): Promise<void> {
    this.#current = undefined;
    await (await this.#db()).delete('keypair', this.#key);
  }

  async #load(): Promise<DpopKey> {
    const db = await this.#db();
    let keyPair = await db.get<CryptoKeyPair>('keypair', this.#key);
    if (!keyPair) {
      // extractable: false applies to the private key; WebCrypto keeps public keys exportable.
      const fresh = await crypto.subtle.generateKey(ES256, false, ['sign', 'verify']);
      // `add`, not `put`: when another tab stored a key meanwhile, its key wins and both tabs agree.
      keyPair = await db.add('keypair', fresh, this.#key).then(
        () => fresh,
        async () => (await db.get<CryptoKeyPair>('keypair', this.#key)) ?? fresh,
      );
    }
    const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', keyPair.publicKey);
    const jwk = { kty, crv, x, y };
    return { keyPair, jwk, jkt: await jwkThumbprint(jwk) };
  }
}
