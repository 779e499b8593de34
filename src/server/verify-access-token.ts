import { hash } from 'node:crypto';
import type { JWTPayload, ProtectedHeaderParameters } from 'jose';
import { verifyDpopProof, type ProofKeyCache, type VerifiedDpopProof } from './dpop-proof.js';
import {
  InsufficientScopeError,
  InvalidDpopProofError,
  InvalidRequestError,
  InvalidTokenError,
  ReplayStoreUnavailableError,
  VerifyAccessTokenError,
} from './errors.js';
import { decodeJwtParts, type DecodedJwt } from './jws.js';
import { NoMatchingKeyError, type RemoteJwks } from './jwks.js';
import type { DpopNonces } from './nonce.js';
import type { ReplayStore } from './replay-cache.js';
import { readCredentialsShape, type HeadersLike, type RequestCredentials } from './request-credentials.js';
import { RequestTarget } from './request-target.js';
import { verifySignature, type VerifyKey } from './signature.js';
import { challenge } from './www-authenticate.js';

/** Claims of a verified access token. */
export interface AccessTokenClaims extends JWTPayload {
  scope?: string;
  azp?: string;
  org_id?: string;
  /** Confirmation: `jkt` is the thumbprint of the key the token is bound to (RFC 9449 §6.1). */
  cnf?: { jkt?: string; [member: string]: unknown };
}

/** The verified claims, plus how the token was presented. */
export type VerifiedAccessToken = AccessTokenClaims & { token_type: 'Bearer' | 'DPoP' };

/** A verified request, as the middleware puts it on `req.auth`. */
export interface VerifiedRequest {
  payload: AccessTokenClaims;
  header: ProtectedHeaderParameters;
  token: string;
  token_type: 'Bearer' | 'DPoP';
}

interface ScopeOption {
  /** Scopes the token must all carry, else `insufficient_scope` (403). */
  requiredScopes?: string | readonly string[];
}

/**
 * What `verifyAccessToken` checks: a token on its own (Bearer only: a DPoP-bound token needs its
 * proof), or a request's headers with its method and absolute URL (needed for DPoP).
 */
export type VerifyAccessTokenOptions =
  | ({ token: string; headers?: undefined } & ScopeOption)
  | ({ headers: HeadersLike; method?: string; url?: string | URL; token?: undefined } & ScopeOption);

/** Everything the verification needs, fixed per `ApiClient`. */
export interface VerifierConfig {
  issuer: string;
  audience: string;
  jwks: RemoteJwks;
  algorithms: readonly string[];
  clockTolerance: number;
  realm: string;
  dpop: {
    required: boolean;
    algs: readonly string[];
    iatWindow: number;
    replayStore: ReplayStore;
    nonces: DpopNonces | undefined;
    keys: ProofKeyCache;
  };
}

/**
 * Verifications under way in this process. Alone, a request is verified synchronously (no hop);
 * with others under way its signatures go to libuv's thread pool.
 */
let active = 0;

const claimRefused = (claim: string, reason: string) => new InvalidTokenError(`the access token ${claim} claim is not accepted (${reason})`);

/** RFC 7519 §4.1: `iss`, `aud`, `exp` (required), `nbf`, `iat`, checked after the signature. */
function checkClaims(config: VerifierConfig, payload: AccessTokenClaims): void {
  const now = Date.now() / 1000;
  const { iss, aud, exp, nbf, iat } = payload;
  if (iss !== config.issuer) throw claimRefused('iss', 'unexpected "iss" claim value');
  if (aud !== config.audience && !(Array.isArray(aud) && aud.includes(config.audience))) {
    throw claimRefused('aud', 'unexpected "aud" claim value');
  }
  if (exp === undefined) throw claimRefused('exp', 'missing');
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw claimRefused('exp', 'not a number');
  if (exp <= now - config.clockTolerance) throw new InvalidTokenError('the access token is expired');
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now + config.clockTolerance)) {
    throw claimRefused('nbf', 'not valid yet');
  }
  if (iat !== undefined && (typeof iat !== 'number' || !Number.isFinite(iat))) throw claimRefused('iat', 'not a number');
}

/** A value now, or a promise of it (a JWKS fetch, a signature on the thread pool, a shared store). */
type Maybe<T> = T | Promise<T>;

/** `fn()` with a synchronous throw turned into a rejection nobody is told about until read. */
function started<T>(fn: () => Maybe<T>): Maybe<T> {
  let value: Maybe<T>;
  try {
    value = fn();
  } catch (error) {
    value = Promise.reject(error);
  }
  if (value instanceof Promise) value.catch(() => {}); // read later, in order
  return value;
}

/** The key's answer read: no key for the token is a token error; an unreachable JWKS is not. */
function keyRefused(cause: unknown): never {
  if (cause instanceof NoMatchingKeyError) throw new InvalidTokenError('the access token signature is invalid', { cause });
  throw cause; // NetworkError / TimeoutError: the JWKS is unreachable
}

/** The token's verdict once its signature is known: the signature, then the claims. */
function signatureChecked(config: VerifierConfig, decoded: DecodedJwt, valid: boolean): DecodedJwt {
  if (!valid) throw new InvalidTokenError('the access token signature is invalid');
  checkClaims(config, decoded.payload as AccessTokenClaims);
  return decoded;
}

/** The token's signature checked here, or on the thread pool with `offload`, then its claims. */
function checkTokenSignature(config: VerifierConfig, decoded: DecodedJwt, key: VerifyKey, offload: boolean): Maybe<DecodedJwt> {
  const valid = verifySignature(key, decoded.signingInput, decoded.signature, offload);
  if (typeof valid === 'boolean') return signatureChecked(config, decoded, valid);
  return valid.then((ok) => signatureChecked(config, decoded, ok));
}

/**
 * Verifies the token's JWS with the tenant's key for its `kid` (node:crypto; the key imported once
 * per `kid`), then its claims. Synchronous when the key is cached and `offload` is off.
 * @throws {InvalidTokenError} malformed, an alg not allowed, no matching key, a bad signature, a claim refused.
 * @throws {NetworkError} the JWKS is needed and cannot be fetched.
 */
function verifyJwt(config: VerifierConfig, token: string, compact: boolean, offload: boolean): Maybe<DecodedJwt> {
  let decoded: DecodedJwt;
  try {
    decoded = decodeJwtParts(token, compact);
  } catch (cause) {
    throw new InvalidTokenError('the access token is malformed or its alg is not allowed', { cause });
  }
  const { alg, kid } = decoded.header;
  if (typeof alg !== 'string' || !config.algorithms.includes(alg)) {
    throw new InvalidTokenError('the access token is malformed or its alg is not allowed');
  }
  let found: Maybe<VerifyKey>;
  try {
    found = config.jwks.key(alg, kid);
  } catch (cause) {
    keyRefused(cause);
  }
  if (found instanceof Promise) return found.then((key) => checkTokenSignature(config, decoded, key, offload), keyRefused);
  return checkTokenSignature(config, decoded, found, offload);
}

/** The replay store's answer read: true means the `jti` was already recorded. */
function replayAnswered(replayed: boolean): void {
  if (replayed) throw new InvalidDpopProofError('the DPoP proof was already used (jti replay)');
}

/** The replay store could not answer: the proof is refused (fail closed, 503). */
function storeFailed(cause: unknown): never {
  if (cause instanceof ReplayStoreUnavailableError) throw cause;
  throw new ReplayStoreUnavailableError('the DPoP replay store cannot be reached', { cause });
}

/** Records the proof's `jti` (RFC 9449 §11.1); fails closed when the store cannot. */
function checkReplay(config: VerifierConfig, jkt: string, jti: string, expiresAt: number): Maybe<void> {
  // Scoped to the key, so nobody can burn another client's jti values; fixed length bounds memory.
  const replayKey = hash('sha256', `${jkt}\n${jti}`, 'base64url');
  let answer: Maybe<boolean>;
  try {
    answer = config.dpop.replayStore.seen(replayKey, expiresAt);
  } catch (cause) {
    storeFailed(cause);
  }
  if (typeof answer === 'boolean') return replayAnswered(answer);
  return Promise.resolve(answer).then(replayAnswered, storeFailed);
}

interface ReadRequest {
  /** `compact`: the token is known to have a compact JWS's shape. */
  credentials: RequestCredentials & { compact: boolean };
  method: string;
  target: RequestTarget | undefined;
}

function readRequest(options: VerifyAccessTokenOptions): ReadRequest {
  if (!options || typeof options !== 'object') throw new TypeError('verifyAccessToken: pass {token} or {headers, method, url}');
  if (options.token !== undefined) {
    if (typeof options.token !== 'string' || !options.token) {
      throw new InvalidRequestError('no access token given', { missingCredentials: true });
    }
    return { credentials: { scheme: 'Bearer', token: options.token, proofs: [], compact: false }, method: '', target: undefined };
  }
  const credentials = readCredentialsShape(options.headers);
  if (credentials.scheme !== 'DPoP') return { credentials, method: '', target: undefined };
  if (typeof options.method !== 'string' || !options.method) {
    throw new TypeError('verifyAccessToken: method is required to verify a DPoP proof');
  }
  let target: RequestTarget;
  try {
    target = new RequestTarget(options.url ?? '');
  } catch {
    throw new TypeError('verifyAccessToken: url must be the absolute URL of the request to verify a DPoP proof');
  }
  return { credentials, method: options.method, target };
}

/** Refuses claims that lack one of the `required` scopes (`insufficient_scope`, 403). */
export function checkScopes(claims: AccessTokenClaims, required: ScopeOption['requiredScopes']): void {
  if (required === undefined) return;
  const wanted = typeof required === 'string' ? required.split(' ').filter(Boolean) : [...required];
  const granted = new Set(typeof claims.scope === 'string' ? claims.scope.split(' ') : []);
  const missing = wanted.filter((scope) => !granted.has(scope));
  if (missing.length) throw new InsufficientScopeError(`the access token lacks scope ${missing.join(' ')}`, wanted.join(' '));
}

/** Puts the `WWW-Authenticate` challenge and the `DPoP-Nonce` on a verification error. */
export function withChallenge(config: VerifierConfig, error: VerifyAccessTokenError, dpopScheme: boolean): VerifyAccessTokenError {
  const dpop = { scheme: 'DPoP', algs: config.dpop.algs } as const;
  const bearer = { scheme: 'Bearer', realm: config.realm } as const;
  if (error instanceof InvalidRequestError && error.missingCredentials) {
    // RFC 6750 §3.1 / RFC 9449 §7.1: no error code, and every scheme the API accepts.
    error.wwwAuthenticate = config.dpop.required ? challenge(dpop) : `${challenge(bearer)}, ${challenge(dpop)}`;
  } else {
    error.wwwAuthenticate = challenge({
      ...(dpopScheme || config.dpop.required ? dpop : bearer),
      error: error.error,
      description: error.error_description,
      scope: error instanceof InsufficientScopeError ? error.scope : undefined,
    });
  }
  error.dpopNonce = config.dpop.nonces?.issue();
  return error;
}

/**
 * Verifies the access token of a request and, for DPoP, its proof. Bearer: signature (JWKS),
 * `iss`, `aud`, `exp`/`nbf`; a token bound with `cnf.jkt` is refused as Bearer (RFC 9449 §7.1).
 * DPoP: the same, plus the proof (RFC 9449 §4.3), the key binding `cnf.jkt` = proof key thumbprint
 * (§6.1), and a `jti` never seen before (§11.1).
 * @see RFC 6750 §3, RFC 9449 §4.3, §7.1, §9, §11.1
 * @throws {VerifyAccessTokenError} with `status`, `wwwAuthenticate` and `dpopNonce` ready to send
 *   (`ReplayStoreUnavailableError`: 503, the replay store is full or down).
 * @throws {NetworkError} the tenant's JWKS could not be fetched (answer 503, not 401).
 */
export async function verifyRequest(config: VerifierConfig, options: VerifyAccessTokenOptions): Promise<VerifiedRequest> {
  let dpopScheme = false;
  active += 1;
  try {
    const { credentials, method, target } = readRequest(options);
    const { scheme, token, proofs, compact } = credentials;
    dpopScheme = scheme === 'DPoP';
    if (scheme === 'Bearer' && config.dpop.required) throw new InvalidTokenError('this API accepts only DPoP-bound access tokens');
    if (dpopScheme && proofs.length > 1) throw new InvalidRequestError('more than one DPoP header');
    if (dpopScheme && proofs.length === 0) throw new InvalidDpopProofError('the DPoP header is missing');
    // Alone, a verification runs to its end synchronously (no hop). It first lets callers of the
    // same tick start theirs (one microtask); when others are under way (or waiting on the pool,
    // a JWKS fetch, a shared replay store), its signatures go to libuv's thread pool, both at
    // once, so every core works under load.
    if (active === 1) await undefined;
    const offload = active > 1;

    // Synchronous, the token is checked first (a bad token costs no proof check); on the pool,
    // both at once. Either way the verdicts are read in order: the token's first, then the proof's.
    let tokenChecked: Maybe<DecodedJwt>;
    let proofChecked: Maybe<VerifiedDpopProof> | undefined;
    if (offload) {
      tokenChecked = started(() => verifyJwt(config, token, compact, true));
      if (dpopScheme) proofChecked = started(() => verifyDpopProof(config.dpop, proofs[0]!, method, target!, token, true));
    } else {
      tokenChecked = verifyJwt(config, token, compact, false);
    }
    const { header, payload } = tokenChecked instanceof Promise ? await tokenChecked : tokenChecked;
    const claims = payload as AccessTokenClaims;
    if (scheme === 'Bearer') {
      if (claims.cnf !== undefined) {
        dpopScheme = true;
        throw new InvalidTokenError('a DPoP-bound access token must be sent with the DPoP scheme, not Bearer');
      }
    } else {
      const jkt = claims.cnf?.jkt;
      if (typeof jkt !== 'string') throw new InvalidTokenError('the access token is not DPoP-bound (no cnf.jkt)');
      proofChecked ??= verifyDpopProof(config.dpop, proofs[0]!, method, target!, token, false);
      const proof = proofChecked instanceof Promise ? await proofChecked : proofChecked;
      if (proof.jkt !== jkt) throw new InvalidTokenError('invalid DPoP key binding');
      const recorded = checkReplay(config, jkt, proof.jti, proof.acceptableUntil);
      if (recorded instanceof Promise) await recorded;
    }
    checkScopes(claims, options.requiredScopes);
    return { payload: claims, header, token, token_type: scheme };
  } catch (error) {
    if (error instanceof VerifyAccessTokenError) throw withChallenge(config, error, dpopScheme);
    throw error;
  } finally {
    active -= 1;
  }
}

/** {@link verifyRequest}, answering the claims plus `token_type` (the `ApiClient` method). */
export async function verifyAccessToken(config: VerifierConfig, options: VerifyAccessTokenOptions): Promise<VerifiedAccessToken> {
  const { payload, token_type } = await verifyRequest(config, options);
  // The claims object was parsed for this call alone: completed in place rather than copied.
  const verified = payload as VerifiedAccessToken;
  verified.token_type = token_type;
  return verified;
}
