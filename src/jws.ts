// RS256 JWS verification (RFC 7515 compact serialization) with WebCrypto, for ID tokens. jose does
// the same through a generic, every-algorithm layer that weighed ~4 KB gzip in the browser kit;
// this is the one path the engine needs, with the same refusals: an allow-listed `alg` only (no
// `none`, no HMAC confusion), no unknown `crit` extensions, RSA keys of 2048 bits or more.
import { GenericError } from './errors.js';

/** The members of an RSA public JWK (RFC 7517 §4, RFC 7518 §6.3.1) that the engine reads. */
export interface Jwk {
  kty?: string;
  kid?: string;
  alg?: string;
  use?: string;
  n?: string;
  e?: string;
}

export interface JwsHeader {
  alg?: string;
  kid?: string;
  crit?: string[];
  [name: string]: unknown;
}

const invalid = (why: string) => new GenericError('id_token_invalid', `ID token invalid: ${why}`);

/** base64url without padding (RFC 4648 §5) → bytes; anything else is refused. */
function decode(part: string): Uint8Array<ArrayBuffer> {
  if (!/^[\w-]*$/.test(part)) throw invalid('not base64url');
  const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** A header or payload: base64url of a JSON object, else `id_token_invalid`. */
function json(part: string): Record<string, any> {
  let value;
  try {
    value = JSON.parse(new TextDecoder().decode(decode(part)));
  } catch {
    /* refused below */
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid('a part is not base64url JSON');
  return value;
}

// One import per JWK object: the key set is cached, so its keys are the same objects each time.
const imported = new WeakMap<Jwk, Promise<CryptoKey>>();

function importRsaKey(jwk: Jwk): Promise<CryptoKey> {
  let key = imported.get(jwk);
  if (!key) {
    if (jwk.kty !== 'RSA' || !jwk.n || !jwk.e) throw invalid('the signing key is not an RSA public key');
    key = crypto.subtle.importKey(
      'jwk',
      { kty: 'RSA', n: jwk.n, e: jwk.e, alg: 'RS256', ext: true },
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    imported.set(jwk, key);
  }
  return key;
}

/**
 * Verifies a compact JWS signed with RS256 and returns its JSON payload.
 * @see RFC 7515 §5.2, RFC 7518 §3.3
 * @param resolveKey finds the verification key for the protected header (may throw its own
 *   GenericError, e.g. `id_token_key_not_found`).
 * @throws GenericError `id_token_invalid` (malformed, another `alg`, `crit`, weak key) or
 *   `id_token_signature_invalid`.
 */
export async function verifyRs256(token: string, resolveKey: (header: JwsHeader) => Promise<Jwk>): Promise<Record<string, any>> {
  const parts = token.split('.');
  if (parts.length !== 3) throw invalid('not a compact JWS');
  const [protectedHeader, payload, signature] = parts as [string, string, string];
  const header: JwsHeader = json(protectedHeader);
  if (header.alg !== 'RS256') throw invalid(`alg ${String(header.alg)} is not allowed`);
  if (header.crit !== undefined) throw invalid('unsupported crit header parameters');
  const key = await importRsaKey(await resolveKey(header));
  if (((key.algorithm as RsaHashedKeyAlgorithm).modulusLength ?? 0) < 2048) throw invalid('the RSA key is shorter than 2048 bits');
  const signed = new TextEncoder().encode(`${protectedHeader}.${payload}`);
  const valid = await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, decode(signature), signed);
  if (!valid) throw new GenericError('id_token_signature_invalid', 'ID token signature invalid');
  return json(payload);
}
