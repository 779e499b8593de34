import { createPublicKey, hash, type JsonWebKey } from 'node:crypto';
import { InvalidDpopProofError, UseDpopNonceError } from './errors.js';
import { thumbprintMembers } from './jwk-thumbprint.js';
import { decodeJwsHeader, splitJws, type JwsSegments } from './jws.js';
import type { DpopNonces } from './nonce.js';
import type { RequestTarget } from './request-target.js';
import { verifyKeyFor, verifySignature, type VerifyKey } from './signature.js';

/** The API's proof settings (fixed per `ApiClient`). */
export interface DpopProofSettings {
  /** Accepted proof algorithms (asymmetric only). */
  algs: readonly string[];
  /** Seconds `iat` may differ from now, either way. */
  iatWindow: number;
  /** Server nonces, when the API requires them. */
  nonces: DpopNonces | undefined;
  /** Proof headers already read and their keys imported. */
  keys: ProofKeyCache;
}

/** A proof that passed every check. */
export interface VerifiedDpopProof {
  /** RFC 7638 thumbprint of the proof's public key, to compare with the token's `cnf.jkt`. */
  jkt: string;
  jti: string;
  iat: number;
  /**
   * Until when (ms since the epoch) this proof would pass every check but the replay one: the end
   * of its `iat` window, or with nonces the end of its nonce's validity. Its `jti` must be
   * remembered that long.
   */
  acceptableUntil: number;
}

// Members that only a private JWK has (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037 §2).
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
// An encoded proof header longer than this is checked every time, never kept (an EC key's header
// is ~250 characters, an RSA 4096 key's ~1 000).
const MAX_CACHED_HEADER = 2048;

const invalid = (description: string, cause?: unknown) =>
  new InvalidDpopProofError(description, cause === undefined ? undefined : { cause });

/** A proof header that passed every header check: its key's thumbprint and its node:crypto key. */
interface ProofKey {
  jkt: string;
  key: VerifyKey;
  /** The cache's clock when this entry was last put at the back. */
  used: number;
}

/**
 * RFC 9449 §4.3 steps 4–7 on the encoded header: JSON, `typ` `dpop+jwt`, an allowed asymmetric
 * `alg`, a public `jwk` with a thumbprint, a key node:crypto can use for `alg`. The key is imported
 * from the thumbprinted members only: the key used is exactly the key the thumbprint names.
 * @throws {InvalidDpopProofError} a check fails.
 */
function readProofHeader(segment: string, algs: readonly string[]): ProofKey {
  let header: Record<string, unknown>;
  try {
    header = decodeJwsHeader(segment);
  } catch (cause) {
    throw invalid('the DPoP proof is not a JWT', cause);
  }
  const { typ, alg } = header;
  if (typeof typ !== 'string' || typ.toLowerCase() !== 'dpop+jwt') throw invalid('the DPoP proof typ must be dpop+jwt');
  if (typeof alg !== 'string' || !algs.includes(alg)) throw invalid(`the DPoP proof alg must be one of ${algs.join(', ')}`);
  const jwk = header.jwk as Record<string, unknown> | undefined;
  if (!jwk || typeof jwk !== 'object' || Array.isArray(jwk)) throw invalid('the DPoP proof has no jwk header');
  if (PRIVATE_MEMBERS.some((member) => member in jwk)) throw invalid('the DPoP proof jwk must be a public key');
  let members: Record<string, string>;
  try {
    members = thumbprintMembers(jwk);
  } catch (cause) {
    throw invalid('the DPoP proof jwk cannot be thumbprinted', cause);
  }
  let key: VerifyKey | undefined;
  try {
    key = verifyKeyFor(alg, createPublicKey({ key: members as JsonWebKey, format: 'jwk' }));
  } catch {
    key = undefined;
  }
  if (!key) throw invalid('the DPoP proof signature or key is invalid');
  return { jkt: hash('sha256', JSON.stringify(members), 'base64url'), key, used: 0 };
}

/**
 * Proof headers already checked, by their exact encoded form. A client signs every proof with
 * one key, so its header is the same bytes each time: one lookup replaces the header's decoding,
 * its checks, the thumbprint and the key import. What is kept is a pure function of those bytes
 * (the signature, the claims and the `jti` are checked on every proof). Only headers that passed
 * are kept; bounded, the least recently used leaving first.
 */
export class ProofKeyCache {
  readonly #entries = new Map<string, ProofKey>();
  readonly #algs: readonly string[];
  readonly #max: number;
  #clock = 0;

  constructor(algs: readonly string[], max = 10_000) {
    this.#algs = algs;
    this.#max = max;
  }

  /**
   * The thumbprint and key of an encoded proof header.
   * @throws {InvalidDpopProofError} the header fails a check.
   */
  get(segment: string): ProofKey {
    const known = this.#entries.get(segment);
    if (known) {
      // Moved to the back only once it is in the older half: most hits cost one lookup.
      if (this.#clock - known.used > this.#max / 2) this.#put(segment, known);
      return known;
    }
    const entry = readProofHeader(segment, this.#algs);
    if (segment.length <= MAX_CACHED_HEADER) {
      if (this.#entries.size >= this.#max) this.#entries.delete(this.#entries.keys().next().value!);
      this.#put(segment, entry);
    }
    return entry;
  }

  #put(segment: string, entry: ProofKey): void {
    this.#entries.delete(segment);
    entry.used = ++this.#clock;
    this.#entries.set(segment, entry);
  }
}

/**
 * RFC 9449 §4.3 steps 8–12 and §7.1 on the claims of a proof whose signature holds.
 * @throws {InvalidDpopProofError | UseDpopNonceError}
 */
function checkProofClaims(
  settings: DpopProofSettings,
  payload: Record<string, unknown>,
  jkt: string,
  method: string,
  target: RequestTarget,
  accessToken: string,
): VerifiedDpopProof {
  const { jti, htm, htu, iat, ath, nonce, exp, nbf } = payload;
  const nowMs = Date.now();
  const now = nowMs / 1000;
  // What jose's jwtVerify checked of any JWT: exp and nbf, when present, are numbers that hold.
  if (exp !== undefined && (typeof exp !== 'number' || exp <= now)) throw invalid('the DPoP proof is expired');
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now)) throw invalid('the DPoP proof is not valid yet');
  if (typeof jti !== 'string' || !jti || jti.length > 256) throw invalid('the DPoP proof jti is missing or too long');
  if (htm !== method) throw invalid('the DPoP proof htm does not match the request method');
  if (!target.matches(htu)) throw invalid('the DPoP proof htu does not match the request URL');
  let nonceUntil = 0;
  if (settings.nonces) {
    nonceUntil = settings.nonces.validUntil(nonce, nowMs);
    if (!nonceUntil) {
      throw new UseDpopNonceError(nonce === undefined ? 'a DPoP nonce is required' : 'the DPoP nonce is stale or unknown');
    }
  }
  if (typeof iat !== 'number' || !Number.isFinite(iat)) throw invalid('the DPoP proof has no iat');
  const iatFresh = Math.abs(now - iat) <= settings.iatWindow;
  if (!iatFresh && !nonceUntil) throw invalid('the DPoP proof iat is outside the accepted window');
  if (ath !== hash('sha256', accessToken, 'base64url')) throw invalid('the DPoP proof ath does not match the access token');

  const acceptableUntil = nonceUntil || (Math.max(iat, now) + settings.iatWindow + 1) * 1000;
  return { jkt, jti, iat, acceptableUntil };
}

/**
 * Checks a DPoP proof for a resource request, in the order of RFC 9449 §4.3: one well-formed JWT,
 * `typ` `dpop+jwt`, an allowed asymmetric `alg`, a public `jwk` that verifies the signature,
 * `htm`, `htu` (no query or fragment), the server `nonce` when required, `iat` within the window,
 * and `ath` = base64url(SHA-256(access token)) (§7.1). With server nonces, a current nonce proves
 * the proof fresh and `iat` may be outside the window (§11.1): the nonce's one to two windows
 * bound it instead. Replay (`jti`) and the key binding (`cnf.jkt`) are the caller's to check,
 * with the returned values. Synchronous unless `offload` sends the signature to the thread pool.
 * @see RFC 9449 §4.3, §7.1, §9, §11.1
 * @throws {InvalidDpopProofError} the proof fails a check.
 * @throws {UseDpopNonceError} nonces are required and the proof has no current one.
 */
export function verifyDpopProof(
  settings: DpopProofSettings,
  proof: string,
  method: string,
  target: RequestTarget,
  accessToken: string,
  offload: boolean,
): VerifiedDpopProof | Promise<VerifiedDpopProof> {
  let segments: JwsSegments;
  try {
    segments = splitJws(proof);
  } catch (cause) {
    throw invalid('the DPoP proof is not a JWT', cause);
  }
  const { jkt, key } = settings.keys.get(segments.header);
  const payload = segments.payload as Record<string, unknown>;
  const valid = verifySignature(key, segments.signingInput, segments.signature, offload);
  if (typeof valid === 'boolean') {
    if (!valid) throw invalid('the DPoP proof signature or key is invalid');
    return checkProofClaims(settings, payload, jkt, method, target, accessToken);
  }
  return valid.then((ok) => {
    if (!ok) throw invalid('the DPoP proof signature or key is invalid');
    return checkProofClaims(settings, payload, jkt, method, target, accessToken);
  });
}
