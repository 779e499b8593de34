import { createHash } from 'node:crypto';

// RFC 7638 §3.2: the required members per key type, already in lexicographic order.
const REQUIRED: Record<string, readonly string[]> = {
  EC: ['crv', 'kty', 'x', 'y'],
  RSA: ['e', 'kty', 'n'],
  OKP: ['crv', 'kty', 'x'],
  oct: ['k', 'kty'],
};

/**
 * The required members of a JWK, in lexicographic order (RFC 7638 §3.2): what the thumbprint
 * covers, and so the exact key it names.
 * @throws {TypeError} unsupported `kty`, or a required member that is not a string.
 */
export function thumbprintMembers(jwk: Record<string, unknown>): Record<string, string> {
  const members = typeof jwk?.kty === 'string' && Object.hasOwn(REQUIRED, jwk.kty) ? REQUIRED[jwk.kty] : undefined;
  if (!members) throw new TypeError('jwkThumbprint: unsupported or missing "kty"');
  const canonical: Record<string, string> = {};
  for (const member of members) {
    const value = jwk[member];
    if (typeof value !== 'string') throw new TypeError(`jwkThumbprint: "${member}" must be a string`);
    canonical[member] = value;
  }
  return canonical;
}

/**
 * The RFC 7638 SHA-256 thumbprint of a JWK, base64url: what a DPoP-bound access token carries in
 * `cnf.jkt` (RFC 9449 §6.1). Only the required members count, in lexicographic order, with no
 * whitespace (RFC 7638 §3.1–§3.3).
 * @see RFC 7638 §3
 */
export function jwkThumbprint(jwk: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(thumbprintMembers(jwk))).digest('base64url');
}
