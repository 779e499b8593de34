import type { JWTPayload, ProtectedHeaderParameters } from 'jose';

/** A compact JWS whose parts are read, not yet verified. */
export interface DecodedJwt {
  header: ProtectedHeaderParameters;
  payload: JWTPayload;
  /** `BASE64URL(header) . BASE64URL(payload)`, the bytes the signature covers (RFC 7515 §5.2). */
  signingInput: Buffer;
  signature: Buffer;
}

/** A compact JWS cut into its parts: the header still encoded (a cache may know it already). */
export interface JwsSegments {
  /** The encoded protected header, exactly as sent. */
  header: string;
  payload: JWTPayload;
  signingInput: Buffer;
  signature: Buffer;
}

// RFC 7515 §2 / §7.1: three base64url parts (no padding) separated by dots. Node's decoder skips
// characters outside the alphabet, so the whole shape is checked first: one token, one encoding.
const COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** True when `value` has the shape of a compact JWS (three base64url parts). */
export const isCompactJws = (value: string): boolean => COMPACT.test(value);

function jsonObject(part: string): Record<string, unknown> {
  const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('a JWS part is not a JSON object');
  return value as Record<string, unknown>;
}

/**
 * Cuts a compact JWS JWT into its parts and reads the claims set as a JSON object; the header is
 * left encoded for {@link decodeJwsHeader}. Node's native base64url decoder behind a strict shape
 * check (jose's decoders go through atob and a copy loop: ~10 % of a DPoP request in the profile).
 * `shapeChecked`: the caller has just seen {@link isCompactJws} hold for `jwt`.
 * @throws {Error} not a three-part compact JWS, or claims that are not a JSON object.
 */
export function splitJws(jwt: string, shapeChecked = false): JwsSegments {
  if (!shapeChecked && !COMPACT.test(jwt)) throw new Error('not a signed compact JWS');
  const first = jwt.indexOf('.');
  const last = jwt.lastIndexOf('.');
  return {
    header: jwt.slice(0, first),
    payload: jsonObject(jwt.slice(first + 1, last)) as JWTPayload,
    signingInput: Buffer.from(jwt.slice(0, last), 'latin1'),
    signature: Buffer.from(jwt.slice(last + 1), 'base64url'),
  };
}

/**
 * Reads an encoded JWS protected header. Refuses `crit` (no extension is understood here, RFC 7515
 * §4.1.11), so an unencoded payload (`b64: false`, RFC 7797) can never be accepted.
 * @throws {Error} not a JSON object, or `crit` / `b64` present.
 */
export function decodeJwsHeader(segment: string): ProtectedHeaderParameters {
  const header = jsonObject(segment) as ProtectedHeaderParameters;
  if (header.crit !== undefined || header.b64 !== undefined) throw new Error('JWS extensions (crit, b64) are not accepted');
  return header;
}

/**
 * Reads a compact JWS JWT: header and claims set as JSON objects, the signature as bytes for
 * node:crypto ({@link splitJws}, then {@link decodeJwsHeader}).
 * @throws {Error} the token is not a three-part JWS with JSON-object header and claims.
 */
export function decodeJwtParts(jwt: string, shapeChecked = false): DecodedJwt {
  const { header, payload, signingInput, signature } = splitJws(jwt, shapeChecked);
  return { header: decodeJwsHeader(header), payload, signingInput, signature };
}
