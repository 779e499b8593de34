// DPoP proof JWTs (RFC 9449 §4.2), signed with WebCrypto directly: an ES256 signature from
// `crypto.subtle.sign` is already the JWS form (r ‖ s, RFC 7518 §3.4), so no JOSE library is needed.
import { base64url } from '../random.js';
import type { DpopKey } from './key-store.js';

/** What one proof is for. */
export interface DpopProofParams {
  /** The request URL; query and fragment are left out of `htu`. */
  url: string;
  /** The request method, exactly as sent (`htm`). */
  method: string;
  /** The server's last nonce, when it gave one (RFC 9449 §8, §9). */
  nonce?: string;
  /** The access token the request carries: its hash goes in `ath` (RFC 9449 §4.2, §7.1). */
  accessToken?: string;
}

const encoder = new TextEncoder();
const part = (value: unknown) => base64url(encoder.encode(JSON.stringify(value)));

/**
 * A fresh proof: header `typ: dpop+jwt`, `alg: ES256` and the public `jwk`; claims `jti` (random,
 * never reused), `htm`, `htu` (the URL without query and fragment), `iat`, and `nonce` / `ath`
 * when given.
 * @see RFC 9449 §4.2
 */
export async function createDpopProof(key: DpopKey, { url, method, nonce, accessToken }: DpopProofParams): Promise<string> {
  const htu = new URL(url, location.href);
  htu.search = '';
  htu.hash = '';
  const ath = accessToken === undefined
    ? undefined
    : base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(accessToken))));
  const claims = { jti: crypto.randomUUID(), htm: method, htu: htu.href, iat: Math.floor(Date.now() / 1000), nonce, ath };
  const input = `${part({ typ: 'dpop+jwt', alg: 'ES256', jwk: key.jwk })}.${part(claims)}`;
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key.keyPair.privateKey, encoder.encode(input));
  return `${input}.${base64url(new Uint8Array(signature))}`;
}
