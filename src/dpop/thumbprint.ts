// JWK thumbprints (RFC 7638): the `dpop_jkt` sent to /authorize and the `cnf.jkt` a DPoP-bound
// access token carries (RFC 9449 §6.1, §10). Written out rather than taken from jose: a dozen
// lines on WebCrypto are smaller than the jose module with its key import.
import { base64url } from '../random.js';

// RFC 7638 §3.2: the required members of the key types DPoP (ES256) and the RFC's own example
// (RSA) use, already in lexicographic order.
const MEMBERS: Record<string, string[]> = {
  EC: ['crv', 'kty', 'x', 'y'],
  RSA: ['e', 'kty', 'n'],
};

/**
 * The SHA-256 thumbprint of a public JWK, base64url: only the required members, in lexicographic
 * order, no whitespace (RFC 7638 §3.1–§3.3).
 * @see RFC 7638 §3
 * @throws TypeError for an unsupported `kty` or a missing member.
 */
export async function jwkThumbprint(jwk: JsonWebKey): Promise<string> {
  const members = MEMBERS[jwk.kty as string];
  if (!members) throw new TypeError(`jwkThumbprint: unsupported kty ${JSON.stringify(jwk.kty)}`);
  const canonical: Record<string, unknown> = {};
  for (const member of members) {
    const value = (jwk as Record<string, unknown>)[member];
    if (typeof value !== 'string') throw new TypeError(`jwkThumbprint: the JWK has no "${member}"`);
    canonical[member] = value;
  }
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(canonical)));
  return base64url(new Uint8Array(digest));
}
