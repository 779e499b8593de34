import { InvalidRequestError } from './errors.js';

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

function headerValues(headers: HeadersLike, name: string): string[] {
  if (typeof (headers as Headers).get === 'function') {
    const value = (headers as Headers).get(name);
    return value === null ? [] : [value];
  }
  const values: string[] = [];
  const record = headers as Record<string, unknown>;
  // for…in, not Object.entries: no array per header on every request.
  for (const key in record) {
    if (!Object.hasOwn(record, key) || key.length !== name.length || key.toLowerCase() !== name) continue;
    const value = record[key];
    if (value === undefined) continue;
    if (Array.isArray(value)) values.push(...value.map(String));
    else values.push(String(value));
  }
  return values;
}

/**
 * Reads `Authorization: Bearer …` or `Authorization: DPoP …` (scheme case-insensitive) and the
 * `DPoP` proof headers. Node and `Headers` join repeated headers with `, `; a JWT has no comma,
 * so a comma means two proofs.
 * @throws {InvalidRequestError} no credentials (401, no error code per RFC 6750 §3.1), or an
 *   unreadable `Authorization` header (400).
 */
export function readCredentials(headers: HeadersLike): RequestCredentials {
  if (!headers || typeof headers !== 'object') {
    throw new TypeError('verifyAccessToken: headers must be a Headers object or a record of header values');
  }
  const authorization = headerValues(headers, 'authorization');
  if (authorization.length > 1) throw new InvalidRequestError('more than one Authorization header');
  if (!authorization.length) {
    throw new InvalidRequestError('no Bearer or DPoP access token in the request', { missingCredentials: true });
  }
  const [name = '', ...rest] = authorization[0]!.trim().split(/ +/);
  const scheme = name.toLowerCase();
  if (scheme !== 'bearer' && scheme !== 'dpop') {
    // An unsupported scheme counts as no credentials for us (RFC 6750 §3.1).
    throw new InvalidRequestError(`unsupported Authorization scheme ${name.slice(0, 16)}`, { missingCredentials: true });
  }
  const token = rest.length === 1 ? rest[0]! : '';
  if (!TOKEN68.test(token)) throw new InvalidRequestError(`the Authorization header must be "${name} <token>"`);
  const proofs = headerValues(headers, 'dpop')
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  return { scheme: scheme === 'dpop' ? 'DPoP' : 'Bearer', token, proofs };
}
