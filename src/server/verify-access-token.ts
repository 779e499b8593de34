import { createHash } from 'node:crypto';
import { jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { verifyDpopProof } from './dpop-proof.js';
import {
  InsufficientScopeError,
  InvalidDpopProofError,
  InvalidRequestError,
  InvalidTokenError,
  NetworkError,
  TimeoutError,
  VerifyAccessTokenError,
} from './errors.js';
import type { DpopNonces } from './nonce.js';
import type { ReplayStore } from './replay-cache.js';
import { readCredentials, type HeadersLike, type RequestCredentials } from './request-credentials.js';
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
  jwks: JWTVerifyGetKey;
  algorithms: readonly string[];
  clockTolerance: number;
  realm: string;
  dpop: {
    required: boolean;
    algs: readonly string[];
    iatWindow: number;
    replayStore: ReplayStore;
    nonces: DpopNonces | undefined;
  };
}

// jose failures that mean "this token is bad"; any other failure is the JWKS being unreachable.
const TOKEN_FAULTS = new Set([
  'ERR_JWT_EXPIRED',
  'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JWT_INVALID',
  'ERR_JWS_INVALID',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
]);

async function verifyJwt(config: VerifierConfig, token: string): Promise<AccessTokenClaims> {
  try {
    const { payload } = await jwtVerify(token, config.jwks, {
      issuer: config.issuer,
      audience: config.audience,
      algorithms: [...config.algorithms],
      clockTolerance: config.clockTolerance,
      requiredClaims: ['exp'],
    });
    return payload as AccessTokenClaims;
  } catch (error) {
    const { code, claim, reason } = error as { code?: string; claim?: string; reason?: string };
    if (code === 'ERR_JWT_EXPIRED') throw new InvalidTokenError('the access token is expired', { cause: error });
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
      throw new InvalidTokenError(`the access token ${claim} claim is not accepted (${reason})`, { cause: error });
    }
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' || code === 'ERR_JWKS_NO_MATCHING_KEY') {
      throw new InvalidTokenError('the access token signature is invalid', { cause: error });
    }
    if (code && TOKEN_FAULTS.has(code)) throw new InvalidTokenError('the access token is malformed or its alg is not allowed', { cause: error });
    if (code === 'ERR_JWKS_TIMEOUT') throw new TimeoutError('the tenant JWKS did not answer in time', { cause: error });
    throw new NetworkError('the tenant JWKS could not be loaded', { cause: error });
  }
}

function readRequest(options: VerifyAccessTokenOptions): { credentials: RequestCredentials; method?: string; url?: URL } {
  if (!options || typeof options !== 'object') throw new TypeError('verifyAccessToken: pass {token} or {headers, method, url}');
  if (options.token !== undefined) {
    if (typeof options.token !== 'string' || !options.token) {
      throw new InvalidRequestError('no access token given', { missingCredentials: true });
    }
    return { credentials: { scheme: 'Bearer', token: options.token, proofs: [] } };
  }
  const credentials = readCredentials(options.headers);
  if (credentials.scheme !== 'DPoP') return { credentials };
  if (typeof options.method !== 'string' || !options.method) {
    throw new TypeError('verifyAccessToken: method is required to verify a DPoP proof');
  }
  let url: URL;
  try {
    url = new URL(options.url ?? '');
  } catch {
    throw new TypeError('verifyAccessToken: url must be the absolute URL of the request to verify a DPoP proof');
  }
  return { credentials, method: options.method, url };
}

function checkScopes(claims: AccessTokenClaims, required: ScopeOption['requiredScopes']): void {
  if (required === undefined) return;
  const wanted = typeof required === 'string' ? required.split(' ').filter(Boolean) : [...required];
  const granted = new Set(typeof claims.scope === 'string' ? claims.scope.split(' ') : []);
  const missing = wanted.filter((scope) => !granted.has(scope));
  if (missing.length) throw new InsufficientScopeError(`the access token lacks scope ${missing.join(' ')}`, wanted.join(' '));
}

/** Puts the `WWW-Authenticate` challenge and the `DPoP-Nonce` on a verification error. */
function withChallenge(config: VerifierConfig, error: VerifyAccessTokenError, dpopScheme: boolean): VerifyAccessTokenError {
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
 * @throws {VerifyAccessTokenError} with `status`, `wwwAuthenticate` and `dpopNonce` ready to send.
 * @throws {NetworkError} the tenant's JWKS could not be fetched (answer 503, not 401).
 */
export async function verifyAccessToken(
  config: VerifierConfig,
  options: VerifyAccessTokenOptions,
): Promise<VerifiedAccessToken> {
  let dpopScheme = false;
  try {
    const { credentials, method, url } = readRequest(options);
    const { scheme, token, proofs } = credentials;
    dpopScheme = scheme === 'DPoP';
    if (scheme === 'Bearer' && config.dpop.required) throw new InvalidTokenError('this API accepts only DPoP-bound access tokens');
    if (dpopScheme && proofs.length > 1) throw new InvalidRequestError('more than one DPoP header');
    if (dpopScheme && proofs.length === 0) throw new InvalidDpopProofError('the DPoP header is missing');

    const claims = await verifyJwt(config, token);
    const jkt = claims.cnf?.jkt;
    if (scheme === 'Bearer') {
      if (claims.cnf !== undefined) {
        dpopScheme = true;
        throw new InvalidTokenError('a DPoP-bound access token must be sent with the DPoP scheme, not Bearer');
      }
    } else {
      if (typeof jkt !== 'string') throw new InvalidTokenError('the access token is not DPoP-bound (no cnf.jkt)');
      const proof = await verifyDpopProof({
        proof: proofs[0]!,
        method: method!,
        url: url!,
        accessToken: token,
        algs: config.dpop.algs,
        iatWindow: config.dpop.iatWindow,
        nonces: config.dpop.nonces,
      });
      if (proof.jkt !== jkt) throw new InvalidTokenError('invalid DPoP key binding');
      // Scoped to the key, so nobody can burn another client's jti values; fixed length bounds memory.
      const replayKey = createHash('sha256').update(`${jkt}\n${proof.jti}`).digest('base64url');
      const expiresAt = (Math.max(proof.iat, Date.now() / 1000) + config.dpop.iatWindow + 1) * 1000;
      if (await config.dpop.replayStore.seen(replayKey, expiresAt)) {
        throw new InvalidDpopProofError('the DPoP proof was already used (jti replay)');
      }
    }
    checkScopes(claims, options.requiredScopes);
    return { ...claims, token_type: scheme };
  } catch (error) {
    if (error instanceof VerifyAccessTokenError) throw withChallenge(config, error, dpopScheme);
    throw error;
  }
}
