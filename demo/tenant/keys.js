// The tenant's token-signing keys. oidc-provider signs through one ExternalSigningKey whose kid and
// private key follow the newest key, so rotating is a matter of generating a key: new tokens carry
// the new kid at once while the JWKS keeps serving the older keys for tokens already out there.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { createLocalJWKSet } from 'jose';
import { ExternalSigningKey } from 'oidc-provider';

const ALG = 'RS256';

/**
 * A new RSA key pair, generated as DER bytes and imported again: on Node 20 a key object fresh
 * from `generateKeyPair*` can deadlock when exported as a JWK while the garbage collector frees
 * its key-generation job (the job's destructor waits on a mutex the export holds). Keys imported
 * from bytes belong to no job, and the public JWK is exported once, here.
 */
export function newKey() {
  const der = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  });
  const publicKey = createPublicKey({ key: der.publicKey, format: 'der', type: 'spki' });
  const privateKey = createPrivateKey({ key: der.privateKey, format: 'der', type: 'pkcs8' });
  return { kid: randomBytes(12).toString('base64url'), privateKey, publicKey, jwk: publicKey.export({ format: 'jwk' }) };
}

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

export class SigningKeys {
  /** Newest first. */
  #keys = [newKey()];

  /** A key the JWKS never shows, for tokens with a signature that must not verify. */
  #rogue;

  get current() {
    return this.#keys[0];
  }

  /** @type {{ jwks: { keys: object[] }, keySet: ReturnType<typeof createLocalJWKSet> } | undefined} */
  #published;

  /** @returns {string} the kid of the new current key */
  rotate() {
    this.#keys.unshift(newKey());
    this.#published = undefined;
    return this.current.kid;
  }

  #publish() {
    if (!this.#published) {
      const jwks = {
        keys: this.#keys.map(({ kid, jwk }) => ({ ...jwk, kid, alg: ALG, use: 'sig' })),
      };
      this.#published = { jwks, keySet: createLocalJWKSet(jwks) };
    }
    return this.#published;
  }

  /** The public JWK Set, current key first. */
  jwks() {
    return this.#publish().jwks;
  }

  /** The JWK Set as a jose key resolver, for verifying the tenant's own tokens. */
  keySet() {
    return this.#publish().keySet;
  }

  /** The one key object oidc-provider is configured with; it always signs with the current key. */
  providerKey() {
    const keys = this;
    return new (class CurrentKey extends ExternalSigningKey {
      get kid() {
        return keys.current.kid;
      }

      set kid(_value) {}

      get alg() {
        return ALG;
      }

      set alg(_value) {}

      keyObject() {
        return keys.current.publicKey;
      }

      sign(data) {
        return sign('sha256', data, keys.current.privateKey);
      }
    })();
  }

  /**
   * Signs a JWT with the current key, or with a key outside the JWKS that claims the current kid.
   * @param {Record<string, unknown>} header
   * @param {Record<string, unknown>} payload
   * @param {{ rogue?: boolean }} [options]
   */
  signJwt(header, payload, { rogue = false } = {}) {
    if (rogue) this.#rogue ??= newKey();
    const key = rogue ? this.#rogue : this.current;
    const input = `${b64({ ...header, alg: ALG, kid: this.current.kid })}.${b64(payload)}`;
    return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
  }
}
