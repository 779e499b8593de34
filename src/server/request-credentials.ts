import { InvalidRequestError } from './errors.js';
import { isCompactJws } from './jws.js';

/**
 * Request headers as Node (`req.headers`, lower-case keys, arrays for repeated headers) or the
 * Fetch API (`Headers`, `request.headers`) hand them over.
 */
export type HeadersLike = Headers | Record<string, string | readonly string[] | undefined>;

/** The credentials a request presents. */
export interface RequestCredentials {
  /** The `Authorization` scheme, normalised: `Bearer` or `DPoP` (RFC 9449 §7.1). */
  scheme: 'Bearer' | 'DPoP';
  /** The access token. */
  token: string;
  /** Every `DPoP` header value; a valid request has exactly one (RFC 9449 §4.3 step 1). */
  proofs: string[];
}

// RFC 7235 token68: what a Bearer (RFC 6750 §2.1) or DPoP (RFC 9449 §7.1) credential may contain.
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

/** Adds a header's value (a string, or a list for a repeated header) to `values`. */
function addValues(values: string[], value: unknown): void {
  if (value === undefined) return;
  if (Array.isArray(value)) for (const item of value) values.push(String(item));
  else values.push(String(value));
}

/**
 * The `Authorization` and `DPoP` values, in one pass over the headers: a record's names in any
 * case (Node's are lower-case already), each name possibly repeated (a list).
 */
function authHeaders(headers: HeadersLike, authorization: string[], dpop: string[]): void {
  if (typeof (headers as Headers).get === 'function') {
    const auth = (headers as Headers).get('authorization');
    if (auth !== null) authorization.push(auth);
    const proof = (headers as Headers).get('dpop');
    if (proof !== null) dpop.push(proof);
    return;
  }
  const record = headers as Record<string, unknown>;
  // for…in, not Object.entries: no array per header on every request.
  for (const key in record) {
    if (key.length === 13) {
      if ((key === 'authorization' || key.toLowerCase() === 'authorization') && Object.hasOwn(record, key)) addValues(authorization, record[key]);
    } else if (key.length === 4) {
      if ((key === 'dpop' || key.toLowerCase() === 'dpop') && Object.hasOwn(record, key)) addValues(dpop, record[key]);
    }
  }
}

/**
 * Reads `Authorization: Bearer …` or `Authorization: DPoP …` (scheme case-insensitive) and the
 * `DPoP` proof headers. Node and `Headers` join repeated headers with `, `; a JWT has no comma,
 * so a comma means two proofs.
 * @throws {InvalidRequestError} no credentials (401, no error code per RFC 6750 §3.1), or an
 *   unreadable `Authorization` header (400).
 */
export function readCredentials(headers: HeadersLike): RequestCredentials {
  const { scheme, token, proofs } = readCredentialsShape(headers);
  return { scheme, token, proofs };
}

/**
 * {@link readCredentials}, also telling whether the token has the shape of a compact JWS (checked
 * first: a JWS is a token68, so one scan of the token usually decides both).
 * @internal
 */
export function readCredentialsShape(headers: HeadersLike): RequestCredentials & { compact: boolean } {
  if (!headers || typeof headers !== 'object') {
    throw new TypeError('verifyAccessToken: headers must be a Headers object or a record of header values');
  }
  const authorization: string[] = [];
  const dpop: string[] = [];
  authHeaders(headers, authorization, dpop);
  if (authorization.length > 1) throw new InvalidRequestError('more than one Authorization header');
  if (!authorization.length) {
    throw new InvalidRequestError('no Bearer or DPoP access token in the request', { missingCredentials: true });
  }
  // `<scheme> +<token>`: the scheme, one run of spaces, a token with no space in it.
  const value = authorization[0]!.trim();
  const space = value.indexOf(' ');
  const name = space < 0 ? value : value.slice(0, space);
  const scheme = name.toLowerCase();
  if (scheme !== 'bearer' && scheme !== 'dpop') {
    // An unsupported scheme counts as no credentials for us (RFC 6750 §3.1).
    throw new InvalidRequestError(`unsupported Authorization scheme ${name.slice(0, 16)}`, { missingCredentials: true });
  }
  let start = space;
  if (space >= 0) while (value.charCodeAt(start) === 32) start += 1;
  const token = space < 0 || value.includes(' ', start) ? '' : value.slice(start);
  const compact = isCompactJws(token);
  if (!compact && !TOKEN68.test(token)) throw new InvalidRequestError(`the Authorization header must be "${name} <token>"`);
  const proofs: string[] = [];
  for (const joined of dpop) {
    for (const part of joined.includes(',') ? joined.split(',') : [joined]) {
      const proof = part.trim();
      if (proof) proofs.push(proof);
    }
  }
  return { scheme: scheme === 'dpop' ? 'DPoP' : 'Bearer', token, proofs, compact };
}
