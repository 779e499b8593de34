// RSA keys for the Node tests, made the way the tenant makes its own (demo/tenant/keys.js's
// newKey): as DER bytes imported again. On Node 20 a key object fresh from `generateKeyPair`
// (node:crypto or jose) can deadlock when exported as a JWK while the garbage collector frees its
// key-generation job; an imported key belongs to no job.
import { newKey } from '../../demo/tenant/keys.js';

/** @returns {{ privateKey: import('node:crypto').KeyObject, publicKey: import('node:crypto').KeyObject, jwk: import('node:crypto').JsonWebKey }} */
export function rsaKeyPair() {
  const { privateKey, publicKey, jwk } = newKey();
  return { privateKey, publicKey, jwk };
}
