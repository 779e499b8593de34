import { createHash, createPublicKey, type JsonWebKey } from 'node:crypto';
import { InvalidDpopProofError, UseDpopNonceError } from './errors.js';
import { thumbprintMembers } from './jwk-thumbprint.js';
import { decodeJwtParts, type DecodedJwt } from './jws.js';
import type { DpopNonces } from './nonce.js';
import { verifyKeyFor, verifySignature, type VerifyKey } from './signature.js';

/** What a DPoP proof is checked against. */
export interface DpopProofCheck {
  /** The `DPoP` header value. */
  proof: string;
  /** The request's HTTP method, as received (e.g. `GET`). */
  method: string;
  /** The request's absolute URL. */
  url: URL;
  /** The access token presented with the proof, for `ath`. */
  accessToken: string;
  /** Accepted proof algorithms (asymmetric only). */
  algs: readonly string[];
  /** Seconds `iat` may differ from now, either way. */
  iatWindow: number;
  /** Server nonces, when the API requires them. */
  nonces: DpopNonces | undefined;
  /** Imported proof keys by alg and thumbprint. */
  keys: ProofKeyCache;
  /** Run the signature check on the thread pool (other verifications are waiting). */
  offload: boolean;
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

const invalid = (description: string, cause?: unknown) =>
  new InvalidDpopProofError(description, cause === undefined ? undefined : { cause });

/** A proof key as imported: its thumbprint and, per alg, the node:crypto key (null: unusable). */
interface ProofKey {
  jkt: string;
  byAlg: Map<string, VerifyKey | null>;
}

/**
 * Proof keys imported once per key. Clients keep one key for many requests, so this saves an
 * import and a thumbprint hash per request; keyed by the thumbprint input itself (the canonical
 * JSON of the required members, RFC 7638 §3), bounded, oldest first, as a cache may be.
 */
export class ProofKeyCache {
  readonly #keys = new Map<string, ProofKey>();
  readonly #max: number;
  constructor(max = 10_000) {
    this.#max = max;
  }

  /**
   * The thumbprint of a public JWK and its key for `alg` (null when it cannot verify `alg`).
   * @throws {TypeError} the JWK has no thumbprint (unsupported kty, a member not a string).
   */
  get(alg: string, jwk: Record<string, unknown>): { jkt: string; key: VerifyKey | null } {
    const members = thumbprintMembers(jwk);
    const id = JSON.stringify(members);
    let entry = this.#keys.get(id);
    if (!entry) {
      entry = { jkt: createHash('sha256').update(id).digest('base64url'), byAlg: new Map() };
      if (this.#keys.size >= this.#max) this.#keys.delete(this.#keys.keys().next().value!);
      this.#keys.set(id, entry);
    }
    let key = entry.byAlg.get(alg);
    if (key === undefined) {
      try {
        // Only the thumbprinted members: the key used is exactly the key the thumbprint names.
        key = verifyKeyFor(alg, createPublicKey({ key: members as JsonWebKey, format: 'jwk' })) ?? null;
      } catch {
        key = null;
      }
      entry.byAlg.set(alg, key);
    }
    return { jkt: entry.jkt, key };
  }
}

/** `htu` and the request URL compared without query and fragment, after URL normalisation. */
function sameTarget(htu: unknown, url: URL): boolean {
  if (typeof htu !== 'string') return false;
  let claimed: URL;
  try {
    claimed = new URL(htu);
  } catch {
    return false;
  }
  return claimed.origin === url.origin && claimed.pathname === url.pathname;
}

/**
 * Checks a DPoP proof for a resource request, in the order of RFC 9449 §4.3: one well-formed JWT,
 * `typ` `dpop+jwt`, an allowed asymmetric `alg`, a public `jwk` that verifies the signature,
 * `htm`, `htu` (no query or fragment), the server `nonce` when required, `iat` within the window,
 * and `ath` = base64url(SHA-256(access token)) (§7.1). With server nonces, a current nonce proves
 * the proof fresh and `iat` may be outside the window (§11.1): the nonce's one to two windows
 * bound it instead. Replay (`jti`) and the key binding (`cnf.jkt`) are the caller's to check,
 * with the returned values.
 * @see RFC 9449 §4.3, §7.1, §9, §11.1
 * @throws {InvalidDpopProofError} the proof fails a check.
 * @throws {UseDpopNonceError} nonces are required and the proof has no current one.
 */
export async function verifyDpopProof(check: DpopProofCheck): Promise<VerifiedDpopProof> {
  let decoded: DecodedJwt;
  try {
    decoded = decodeJwtParts(check.proof);
  } catch (cause) {
    throw invalid('the DPoP proof is not a JWT', cause);
  }
  const { header, payload } = decoded;
  if (typeof header.typ !== 'string' || header.typ.toLowerCase() !== 'dpop+jwt') {
    throw invalid('the DPoP proof typ must be dpop+jwt');
  }
  if (typeof header.alg !== 'string' || !check.algs.includes(header.alg)) {
    throw invalid(`the DPoP proof alg must be one of ${check.algs.join(', ')}`);
  }
  const jwk = header.jwk as Record<string, unknown> | undefined;
  if (!jwk || typeof jwk !== 'object' || Array.isArray(jwk)) throw invalid('the DPoP proof has no jwk header');
  if (PRIVATE_MEMBERS.some((member) => member in jwk)) throw invalid('the DPoP proof jwk must be a public key');

  let jkt: string;
  let key: VerifyKey | null;
  try {
    ({ jkt, key } = check.keys.get(header.alg, jwk));
  } catch (cause) {
    throw invalid('the DPoP proof jwk cannot be thumbprinted', cause);
  }
  const valid = key !== null && (await verifySignature(key, decoded.signingInput, decoded.signature, check.offload));
  if (!valid) throw invalid('the DPoP proof signature or key is invalid');

  const { jti, htm, htu, iat, ath, nonce, exp, nbf } = payload as Record<string, unknown>;
  const nowMs = Date.now();
  const now = nowMs / 1000;
  // What jose's jwtVerify checked of any JWT: exp and nbf, when present, are numbers that hold.
  if (exp !== undefined && (typeof exp !== 'number' || exp <= now)) throw invalid('the DPoP proof is expired');
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now)) throw invalid('the DPoP proof is not valid yet');
  if (typeof jti !== 'string' || !jti || jti.length > 256) throw invalid('the DPoP proof jti is missing or too long');
  if (htm !== check.method) throw invalid('the DPoP proof htm does not match the request method');
  if (!sameTarget(htu, check.url)) throw invalid('the DPoP proof htu does not match the request URL');
  let nonceUntil = 0;
  if (check.nonces) {
    nonceUntil = check.nonces.validUntil(nonce, nowMs);
    if (!nonceUntil) {
      throw new UseDpopNonceError(nonce === undefined ? 'a DPoP nonce is required' : 'the DPoP nonce is stale or unknown');
    }
  }
  if (typeof iat !== 'number' || !Number.isFinite(iat)) throw invalid('the DPoP proof has no iat');
  const iatFresh = Math.abs(now - iat) <= check.iatWindow;
  if (!iatFresh && !nonceUntil) throw invalid('the DPoP proof iat is outside the accepted window');
  const expectedAth = createHash('sha256').update(check.accessToken).digest('base64url');
  if (ath !== expectedAth) throw invalid('the DPoP proof ath does not match the access token');

  const acceptableUntil = nonceUntil || (Math.max(iat, now) + check.iatWindow + 1) * 1000;
  return { jkt, jti, iat, acceptableUntil };
}
