// RSA keys for the Node tests, made the way the tenant makes its own (demo/tenant/keys.js): as DER
// bytes imported again. On Node 20 a key object fresh from `generateKeyPair` (node:crypto or jose)
// can deadlock when exported as a JWK while the garbage collector frees its key-generation job;
// an imported key belongs to no job.
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';

/** @returns {{ privateKey: import('node:crypto').KeyObject, publicKey: import('node:crypto').KeyObject, jwk: import('node:crypto').JsonWebKey }} */
export function rsaKeyPair() {
  const der = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  });
  const publicKey = createPublicKey({ key: der.publicKey, format: 'der', type: 'spki' });
  const privateKey = createPrivateKey({ key: der.privateKey, format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey, jwk: publicKey.export({ format: 'jwk' }) };
}
