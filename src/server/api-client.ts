import { tenantUrls, type TenantUrls } from './domain.js';
import { ProofKeyCache } from './dpop-proof.js';
import { InvalidArgumentError, MissingRequiredArgumentError } from './errors.js';
import { RemoteJwks, type JwksCacheOptions } from './jwks.js';
import { DpopNonces, type DpopNonceOptions } from './nonce.js';
import { InMemoryReplayCache, type ReplayStore } from './replay-cache.js';
import {
  getAccessTokenForConnection,
  type AccessTokenForConnectionOptions,
  type ConnectionTokenSet,
} from './token-exchange.js';
import {
  verifyAccessToken,
  type VerifiedAccessToken,
  type VerifierConfig,
  type VerifyAccessTokenOptions,
} from './verify-access-token.js';

/** DPoP settings of the API (RFC 9449). */
export interface ApiClientDpopOptions {
  /** Refuse Bearer tokens: only DPoP-bound tokens with a valid proof pass. Default false. */
  required?: boolean;
  /** Require server nonces in proofs (RFC 9449 §9): `true`, or the nonce options. Default off. */
  nonce?: boolean | DpopNonceOptions;
  /** Seconds a proof's `iat` may differ from now, either way. Default 60. */
  iatWindow?: number;
  /** Where used proof `jti`s are remembered. Default: a bounded in-memory cache per client. */
  replayStore?: ReplayStore;
  /** Accepted proof algorithms (asymmetric). Default `['ES256']`. */
  algs?: string[];
}

/** Options of {@link ApiClient}. */
export interface ApiClientOptions {
  /** The tenant: `tenant.eu.auth0.com` (https implied) or a full `http(s)://` URL. */
  domain: string;
  /** The API identifier: the `aud` access tokens must carry. */
  audience: string;
  /** The API's own client, for `getAccessTokenForConnection`. */
  clientId?: string;
  /** Its secret (sent with `client_secret_post`). */
  clientSecret?: string;
  dpop?: ApiClientDpopOptions;
  /** Accepted access-token signing algorithms. Default `['RS256']` (Auth0's). */
  algorithms?: string[];
  /** Seconds of clock skew allowed on `exp` / `nbf`. Default 5. */
  clockTolerance?: number;
  /** `realm` of Bearer challenges. Default: the audience. */
  realm?: string;
  /** Time limit of each request to the tenant (token endpoint, JWKS). Default 10. */
  httpTimeoutInSeconds?: number;
  /** How long the tenant's signing keys are cached, and used through a JWKS outage. */
  jwks?: JwksCacheOptions;
}

const SYMMETRIC = /^(HS|none$)/i;

function optionalString(options: Record<string, unknown>, name: string): string | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !value) throw new InvalidArgumentError(name, `ApiClient: the ${name} option must be a non-empty string`);
  return value;
}

function nonNegative(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError(name, `ApiClient: the ${name} option must be a non-negative number of seconds`);
  }
  return value;
}

function algList(value: unknown, name: string, fallback: string[]): string[] {
  if (value === undefined) return fallback;
  if (!Array.isArray(value) || !value.length || value.some((alg) => typeof alg !== 'string' || SYMMETRIC.test(alg))) {
    throw new InvalidArgumentError(name, `ApiClient: the ${name} option must be a non-empty list of asymmetric JWS algorithms`);
  }
  return [...value];
}

function dpopConfig(dpop: unknown): VerifierConfig['dpop'] {
  if (dpop !== undefined && (typeof dpop !== 'object' || dpop === null)) {
    throw new InvalidArgumentError('dpop', 'ApiClient: the dpop option must be an object');
  }
  const options = (dpop ?? {}) as ApiClientDpopOptions;
  if (options.required !== undefined && typeof options.required !== 'boolean') {
    throw new InvalidArgumentError('dpop.required', 'ApiClient: the dpop.required option must be a boolean');
  }
  const store = options.replayStore;
  if (store !== undefined && typeof store?.seen !== 'function') {
    throw new InvalidArgumentError('dpop.replayStore', 'ApiClient: the dpop.replayStore option must have a seen(key, expiresAt) method');
  }
  const nonce = options.nonce;
  if (nonce !== undefined && typeof nonce !== 'boolean' && (typeof nonce !== 'object' || nonce === null)) {
    throw new InvalidArgumentError('dpop.nonce', 'ApiClient: the dpop.nonce option must be a boolean or an object');
  }
  let nonces: DpopNonces | undefined;
  try {
    nonces = nonce ? new DpopNonces(nonce === true ? {} : nonce) : undefined;
  } catch (cause) {
    throw new InvalidArgumentError('dpop.nonce', `ApiClient: ${(cause as Error).message}`);
  }
  const algs = algList(options.algs, 'dpop.algs', ['ES256']);
  return {
    required: options.required ?? false,
    algs,
    iatWindow: nonNegative(options.iatWindow, 'dpop.iatWindow', 60),
    replayStore: store ?? new InMemoryReplayCache(),
    nonces,
    keys: new ProofKeyCache(algs),
  };
}

function jwksCache(jwks: unknown, uri: URL, timeoutMs: number): RemoteJwks {
  if (jwks !== undefined && (typeof jwks !== 'object' || jwks === null)) {
    throw new InvalidArgumentError('jwks', 'ApiClient: the jwks option must be an object');
  }
  const options = (jwks ?? {}) as JwksCacheOptions;
  const ms = (name: keyof JwksCacheOptions, fallback: number) => nonNegative(options[name], `jwks.${name}`, fallback) * 1000;
  return new RemoteJwks({
    uri,
    timeoutMs,
    maxAgeMs: ms('maxAge', 600),
    staleForMs: ms('staleFor', 3600),
    cooldownMs: ms('cooldown', 2),
  });
}

/** The verifier of each client, for the middleware (not part of the public API). */
const verifiers = new WeakMap<ApiClient, VerifierConfig>();

/**
 * The verification settings of `client`, for the middleware.
 * @internal
 */
export function verifierOf(client: ApiClient): VerifierConfig {
  return verifiers.get(client)!;
}

/**
 * The server half of auth0-elements, shaped like `@auth0/auth0-api-js`'s `ApiClient`: verifies
 * access tokens (Bearer and DPoP) for one API, and exchanges them for federated-connection tokens
 * from Token Vault.
 */
export class ApiClient {
  readonly #tenant: TenantUrls;
  readonly #verifier: VerifierConfig;
  readonly #clientId: string | undefined;
  readonly #clientSecret: string | undefined;
  readonly #timeoutMs: number;

  /** @throws {TypeError} ({@link MissingRequiredArgumentError} / {@link InvalidArgumentError}) naming the bad option. */
  constructor(options: ApiClientOptions) {
    if (!options || typeof options !== 'object') {
      throw new MissingRequiredArgumentError('options', 'ApiClient: pass an options object with domain and audience');
    }
    const record = options as unknown as Record<string, unknown>;
    this.#tenant = tenantUrls(options.domain);
    if (options.audience === undefined || options.audience === '') {
      throw new MissingRequiredArgumentError('audience', 'ApiClient: the audience option (the API identifier) is required');
    }
    const audience = optionalString(record, 'audience')!;
    this.#clientId = optionalString(record, 'clientId');
    this.#clientSecret = optionalString(record, 'clientSecret');
    // Whole milliseconds for AbortSignal.timeout.
    this.#timeoutMs = Math.ceil(nonNegative(options.httpTimeoutInSeconds, 'httpTimeoutInSeconds', 10) * 1000);
    if (this.#timeoutMs === 0) {
      throw new InvalidArgumentError('httpTimeoutInSeconds', 'ApiClient: the httpTimeoutInSeconds option must be positive');
    }
    this.#verifier = {
      issuer: this.#tenant.issuer,
      audience,
      // One JWKS per client: keys imported once per kid, one fetch at a time, stale keys through an outage.
      jwks: jwksCache(options.jwks, this.#tenant.jwksUri, this.#timeoutMs),
      algorithms: algList(options.algorithms, 'algorithms', ['RS256']),
      clockTolerance: nonNegative(options.clockTolerance, 'clockTolerance', 5),
      realm: optionalString(record, 'realm') ?? audience,
      dpop: dpopConfig(options.dpop),
    };
    verifiers.set(this, this.#verifier);
  }

  /**
   * Verifies the access token of a request: pass `{token}` for a Bearer token alone, or
   * `{headers, method, url}` (the absolute request URL) to accept `Authorization: Bearer` and
   * `Authorization: DPoP` with its proof. Returns the verified claims plus `token_type`.
   * @see RFC 6750 §3, RFC 9449 §4.3, §7
   * @throws {VerifyAccessTokenError} (`InvalidRequestError`, `InvalidTokenError`,
   *   `InvalidDpopProofError`, `UseDpopNonceError`, `InsufficientScopeError`) with `status`,
   *   `wwwAuthenticate`, `dpopNonce` and `headers` ready for the 4xx answer.
   * @throws {NetworkError} the tenant's JWKS is unreachable.
   */
  verifyAccessToken(options: VerifyAccessTokenOptions): Promise<VerifiedAccessToken> {
    return verifyAccessToken(this.#verifier, options);
  }

  /**
   * A fresh server nonce for a `DPoP-Nonce` response header (RFC 9449 §9), or undefined when the
   * API does not use nonces. Failed verifications carry one already (`error.dpopNonce`).
   */
  nonce(): string | undefined {
    return this.#verifier.dpop.nonces?.issue();
  }

  /**
   * Exchanges the user's Auth0 access token or refresh token for the access token of a federated
   * connection held in Token Vault (Auth0's federated-connection token exchange).
   * @throws {MissingRequiredArgumentError | InvalidArgumentError} before any request.
   * @throws {TokenForConnectionError} the tenant refused (`error`, `error_description`, `status`).
   * @throws {NetworkError | TimeoutError} the tenant could not be reached in time.
   */
  getAccessTokenForConnection(options: AccessTokenForConnectionOptions): Promise<ConnectionTokenSet> {
    return getAccessTokenForConnection(
      {
        tokenEndpoint: this.#tenant.tokenEndpoint,
        clientId: this.#clientId,
        clientSecret: this.#clientSecret,
        timeoutMs: this.#timeoutMs,
      },
      options,
    );
  }
}
