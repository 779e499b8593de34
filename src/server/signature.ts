import { constants, verify, type KeyObject, type VerifyKeyObjectInput } from 'node:crypto';

/** What a JWS `alg` needs from node:crypto (RFC 7518 §3, RFC 8037 §3.1). */
interface AlgSpec {
  /** The digest for `crypto.verify`; null for EdDSA (the curve fixes it). */
  hash: string | null;
  /** `asymmetricKeyType` of a key that may verify it. */
  type: 'rsa' | 'ec' | 'ed25519';
  /** EC: the curve, as node:crypto names it. */
  curve?: string;
  pss?: boolean;
}

const ALGS: Record<string, AlgSpec> = {
  RS256: { hash: 'sha256', type: 'rsa' },
  RS384: { hash: 'sha384', type: 'rsa' },
  RS512: { hash: 'sha512', type: 'rsa' },
  PS256: { hash: 'sha256', type: 'rsa', pss: true },
  PS384: { hash: 'sha384', type: 'rsa', pss: true },
  PS512: { hash: 'sha512', type: 'rsa', pss: true },
  ES256: { hash: 'sha256', type: 'ec', curve: 'prime256v1' },
  ES384: { hash: 'sha384', type: 'ec', curve: 'secp384r1' },
  ES512: { hash: 'sha512', type: 'ec', curve: 'secp521r1' },
  EdDSA: { hash: null, type: 'ed25519' },
  Ed25519: { hash: null, type: 'ed25519' },
};

/** A public key ready for one `alg`: the node:crypto verify input, built once per key. */
export interface VerifyKey {
  alg: string;
  hash: string | null;
  input: KeyObject | VerifyKeyObjectInput;
}

/** True for the JWS algorithms this entry verifies (asymmetric only). */
export const isSupportedAlg = (alg: string): boolean => Object.hasOwn(ALGS, alg);

/**
 * Binds `key` to `alg` after checking they fit (RFC 7518 §3.3: RSA keys of 2048 bits or more;
 * §3.4: the EC curve of the alg), or returns undefined.
 */
export function verifyKeyFor(alg: string, key: KeyObject): VerifyKey | undefined {
  const spec = Object.hasOwn(ALGS, alg) ? ALGS[alg] : undefined;
  if (!spec || key.type !== 'public' || key.asymmetricKeyType !== spec.type) return undefined;
  const details = key.asymmetricKeyDetails;
  if (spec.type === 'rsa' && !((details?.modulusLength ?? 0) >= 2048)) return undefined;
  if (spec.curve && details?.namedCurve !== spec.curve) return undefined;
  let input: VerifyKey['input'] = key;
  if (spec.type === 'ec') input = { key, dsaEncoding: 'ieee-p1363' };
  if (spec.pss) input = { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST };
  return { alg, hash: spec.hash, input };
}

/**
 * Checks a JWS signature with node:crypto. Alone, the synchronous call is fastest (no hop); with
 * other verifications waiting, `offload` runs it on libuv's thread pool so the other cores work
 * while this thread parses the next request.
 */
export function verifySignature(key: VerifyKey, data: Buffer, signature: Buffer, offload: boolean): boolean | Promise<boolean> {
  // A signature node:crypto cannot even parse (wrong length for the curve) is simply not valid.
  if (!offload) {
    try {
      return verify(key.hash, data, key.input, signature);
    } catch {
      return false;
    }
  }
  return new Promise((resolve) => {
    verify(key.hash, data, key.input, signature, (error, ok) => resolve(!error && ok));
  });
}
