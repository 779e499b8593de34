import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Options of {@link DpopNonces}. */
export interface DpopNonceOptions {
  /**
   * HMAC key. Give every process of one API the same secret (32 random bytes or more) so a nonce
   * issued by one is accepted by the others; default: random per process.
   */
  secret?: string | Uint8Array;
  /** How long one nonce stays current, in seconds (it is accepted one more window). Default 300. */
  windowSeconds?: number;
}

/**
 * Stateless resource-server nonces (RFC 9449 §9): the nonce is an HMAC of the current time window,
 * so nothing is stored and any process holding the secret can check it. The current and the
 * previous window are accepted, so a nonce is good for one to two windows.
 */
export class DpopNonces {
  readonly #secret: Uint8Array;
  readonly #windowMs: number;

  constructor({ secret, windowSeconds = 300 }: DpopNonceOptions = {}) {
    if (secret !== undefined && typeof secret !== 'string' && !(secret instanceof Uint8Array)) {
      throw new TypeError('dpop.nonce.secret must be a string or a Uint8Array');
    }
    if (secret !== undefined && secret.length < 16) {
      throw new TypeError('dpop.nonce.secret must be at least 16 bytes long');
    }
    if (typeof windowSeconds !== 'number' || !(windowSeconds > 0)) {
      throw new TypeError('dpop.nonce.windowSeconds must be a positive number');
    }
    this.#secret = typeof secret === 'string' ? new TextEncoder().encode(secret) : (secret ?? randomBytes(32));
    this.#windowMs = windowSeconds * 1000;
  }

  // The last two windows' nonces: one HMAC per window, not per request.
  #memo = new Map<number, string>();

  #forWindow(window: number): string {
    let nonce = this.#memo.get(window);
    if (nonce === undefined) {
      nonce = createHmac('sha256', this.#secret).update(`dpop-nonce:${window}`).digest('base64url');
      if (this.#memo.size >= 2) this.#memo.delete(this.#memo.keys().next().value!);
      this.#memo.set(window, nonce);
    }
    return nonce;
  }

  /** The nonce to send now in a `DPoP-Nonce` header. */
  issue(now = Date.now()): string {
    return this.#forWindow(Math.floor(now / this.#windowMs));
  }

  /** True when `nonce` is the current or the previous window's nonce. */
  verify(nonce: unknown, now = Date.now()): boolean {
    return this.validUntil(nonce, now) > 0;
  }

  /**
   * When `nonce` stops being accepted (ms since the epoch), or 0 when it is not accepted now. A
   * nonce issued in window `w` is accepted through window `w + 1`: one to two windows after it was
   * issued, which is the freshness a proof carrying it proves (RFC 9449 §11.1).
   */
  validUntil(nonce: unknown, now = Date.now()): number {
    if (typeof nonce !== 'string') return 0;
    const given = Buffer.from(nonce);
    const window = Math.floor(now / this.#windowMs);
    for (const w of [window, window - 1]) {
      const expected = Buffer.from(this.#forWindow(w));
      if (expected.length === given.length && timingSafeEqual(expected, given)) return (w + 2) * this.#windowMs;
    }
    return 0;
  }
}
