import { createHash } from 'node:crypto';
import { EmbeddedJWK, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { InvalidDpopProofError, UseDpopNonceError } from './errors.js';
import { jwkThumbprint } from './jwk-thumbprint.js';
import type { DpopNonces } from './nonce.js';

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
}

/** A proof that passed every check. */
export interface VerifiedDpopProof {
  /** RFC 7638 thumbprint of the proof's public key, to compare with the token's `cnf.jkt`. */
  jkt: string;
  jti: string;
  iat: number;
}

// Members that only a private JWK has (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037 §2).
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

const invalid = (description: string, cause?: unknown) =>
  new InvalidDpopProofError(description, cause === undefined ? undefined : { cause });

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
 * and `ath` = base64url(SHA-256(access token)) (§7.1). Replay (`jti`) and the key binding
 * (`cnf.jkt`) are the caller's to check, with the returned values.
 * @see RFC 9449 §4.3, §7.1, §9
 * @throws {InvalidDpopProofError} the proof fails a check.
 * @throws {UseDpopNonceError} nonces are required and the proof has no current one.
 */
export async function verifyDpopProof(check: DpopProofCheck): Promise<VerifiedDpopProof> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(check.proof);
  } catch (cause) {
    throw invalid('the DPoP proof is not a JWT', cause);
  }
  if (typeof header.typ !== 'string' || header.typ.toLowerCase() !== 'dpop+jwt') {
    throw invalid('the DPoP proof typ must be dpop+jwt');
  }
  if (typeof header.alg !== 'string' || !check.algs.includes(header.alg)) {
    throw invalid(`the DPoP proof alg must be one of ${check.algs.join(', ')}`);
  }
  const jwk = header.jwk as Record<string, unknown> | undefined;
  if (!jwk || typeof jwk !== 'object') throw invalid('the DPoP proof has no jwk header');
  if (PRIVATE_MEMBERS.some((member) => member in jwk)) throw invalid('the DPoP proof jwk must be a public key');

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(check.proof, EmbeddedJWK, { algorithms: [...check.algs], typ: 'dpop+jwt' }));
  } catch (cause) {
    throw invalid('the DPoP proof signature or key is invalid', cause);
  }

  const { jti, htm, htu, iat, ath, nonce } = payload as JWTPayload & Record<string, unknown>;
  if (typeof jti !== 'string' || !jti || jti.length > 256) throw invalid('the DPoP proof jti is missing or too long');
  if (htm !== check.method) throw invalid('the DPoP proof htm does not match the request method');
  if (!sameTarget(htu, check.url)) throw invalid('the DPoP proof htu does not match the request URL');
  if (check.nonces && !check.nonces.verify(nonce)) {
    throw new UseDpopNonceError(nonce === undefined ? 'a DPoP nonce is required' : 'the DPoP nonce is stale or unknown');
  }
  const now = Date.now() / 1000;
  if (typeof iat !== 'number' || !Number.isFinite(iat)) throw invalid('the DPoP proof has no iat');
  if (Math.abs(now - iat) > check.iatWindow) throw invalid('the DPoP proof iat is outside the accepted window');
  const expectedAth = createHash('sha256').update(check.accessToken).digest('base64url');
  if (ath !== expectedAth) throw invalid('the DPoP proof ath does not match the access token');

  let jkt: string;
  try {
    jkt = jwkThumbprint(jwk);
  } catch (cause) {
    throw invalid('the DPoP proof jwk cannot be thumbprinted', cause);
  }
  return { jkt, jti, iat };
}
