import { decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from 'jose';

/** A compact JWS whose parts are read, not yet verified. */
export interface DecodedJwt {
  header: ProtectedHeaderParameters;
  payload: JWTPayload;
  /** `BASE64URL(header) . BASE64URL(payload)`, the bytes the signature covers (RFC 7515 §5.2). */
  signingInput: Buffer;
  signature: Buffer;
}

// RFC 7515 §2: base64url without padding. Node's decoder skips characters outside the alphabet,
// so check first: one token must have one encoding.
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Reads a compact JWS JWT: jose's decoders for the header and the claims set (a JSON object each),
 * the signature as bytes for node:crypto. Refuses `crit` (no extension is understood here, RFC
 * 7515 §4.1.11), so an unencoded payload (`b64: false`, RFC 7797) can never be accepted.
 * @throws {Error} the token is not a three-part JWS with JSON header and claims.
 */
export function decodeJwtParts(jwt: string): DecodedJwt {
  const dot = jwt.lastIndexOf('.');
  const signaturePart = jwt.slice(dot + 1);
  if (dot < 0 || !BASE64URL.test(signaturePart)) throw new Error('not a signed compact JWS');
  const header = decodeProtectedHeader(jwt);
  const payload = decodeJwt(jwt);
  if (header.crit !== undefined || header.b64 !== undefined) throw new Error('JWS extensions (crit, b64) are not accepted');
  return { header, payload, signingInput: Buffer.from(jwt.slice(0, dot), 'latin1'), signature: Buffer.from(signaturePart, 'base64url') };
}
