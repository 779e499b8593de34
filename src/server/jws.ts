import type { JWTPayload, ProtectedHeaderParameters } from 'jose';

/** A compact JWS whose parts are read, not yet verified. */
export interface DecodedJwt {
  header: ProtectedHeaderParameters;
  payload: JWTPayload;
  /** `BASE64URL(header) . BASE64URL(payload)`, the bytes the signature covers (RFC 7515 §5.2). */
  signingInput: Buffer;
  signature: Buffer;
}

// RFC 7515 §2 / §7.1: three base64url parts (no padding) separated by dots. Node's decoder skips
// characters outside the alphabet, so the whole shape is checked first: one token, one encoding.
const COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

function jsonObject(part: string): Record<string, unknown> {
  const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('a JWS part is not a JSON object');
  return value as Record<string, unknown>;
}

/**
 * Reads a compact JWS JWT: header and claims set as JSON objects, the signature as bytes for
 * node:crypto. Written here rather than through jose's decodeProtectedHeader / decodeJwt: those
 * decode with atob and a copy loop and cost ~10 % of a DPoP request in the profile; this is
 * Node's native base64url decoder behind a strict shape check, and nothing else. Refuses `crit`
 * (no extension is understood here, RFC 7515 §4.1.11), so an unencoded payload (`b64: false`,
 * RFC 7797) can never be accepted.
 * @throws {Error} the token is not a three-part JWS with JSON-object header and claims.
 */
export function decodeJwtParts(jwt: string): DecodedJwt {
  if (!COMPACT.test(jwt)) throw new Error('not a signed compact JWS');
  const first = jwt.indexOf('.');
  const last = jwt.lastIndexOf('.');
  const header = jsonObject(jwt.slice(0, first)) as ProtectedHeaderParameters;
  const payload = jsonObject(jwt.slice(first + 1, last)) as JWTPayload;
  if (header.crit !== undefined || header.b64 !== undefined) throw new Error('JWS extensions (crit, b64) are not accepted');
  return {
    header,
    payload,
    signingInput: Buffer.from(jwt.slice(0, last), 'latin1'),
    signature: Buffer.from(jwt.slice(last + 1), 'base64url'),
  };
}
