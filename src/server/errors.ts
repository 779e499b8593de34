/**
 * Error classes of the server entry. Every failure a caller can meet has its own class with a
 * stable `code` (the same on the class and the instance, as in panva/jose) and, for OAuth-shaped
 * failures, the OAuth `error` code and `error_description`.
 */

/** Base class of the server entry's OAuth-shaped errors. */
export class AuthError extends Error {
  /** Stable code identifying the error class. */
  static code = 'auth_error';
  /** Stable code identifying the error class. */
  code: string;
  /** The OAuth error code (RFC 6749 §5.2, RFC 6750 §3.1, RFC 9449 §7.1). */
  error: string;
  /** Human-readable detail; never contains a token. */
  error_description: string;
  /** The HTTP status that fits the failure (resource-server side) or that the tenant answered. */
  status: number;

  constructor(error: string, description: string, status: number, options?: { cause?: unknown }) {
    super(description, options);
    this.name = new.target.name;
    this.code = (new.target as typeof AuthError).code;
    this.error = error;
    this.error_description = description;
    this.status = status;
  }
}

/**
 * A request to a protected resource failed verification. Carries the ready HTTP answer: `status`,
 * the `WWW-Authenticate` challenge (RFC 6750 §3, RFC 9449 §7.1) and, when the API uses server
 * nonces, the `DPoP-Nonce` to send (RFC 9449 §9).
 */
export class VerifyAccessTokenError extends AuthError {
  static override code = 'verify_access_token_error';
  /** The `WWW-Authenticate` header value to answer with. */
  wwwAuthenticate = '';
  /** The `DPoP-Nonce` header value to answer with, when the API issues nonces. */
  dpopNonce: string | undefined;

  /** `status`, under the name Express's error handler and `express-oauth2-jwt-bearer` also use. */
  get statusCode(): number {
    return this.status;
  }

  /** The response headers to send with `status`: `WWW-Authenticate` and, if any, `DPoP-Nonce`. */
  get headers(): Record<string, string> {
    const headers: Record<string, string> = { 'WWW-Authenticate': this.wwwAuthenticate };
    if (this.dpopNonce) headers['DPoP-Nonce'] = this.dpopNonce;
    return headers;
  }
}

/** The request is malformed: two DPoP headers, an unreadable `Authorization` header (RFC 6750 §3.1). */
export class InvalidRequestError extends VerifyAccessTokenError {
  static override code = 'invalid_request';
  /**
   * True when the request carried no credentials at all: RFC 6750 §3.1 then answers 401 with a
   * challenge that has no error code.
   */
  readonly missingCredentials: boolean;

  constructor(description: string, { missingCredentials = false } = {}) {
    super('invalid_request', description, missingCredentials ? 401 : 400);
    this.missingCredentials = missingCredentials;
  }
}

/** The access token is expired, revoked, malformed, badly signed, for another API, or misused (RFC 6750 §3.1). */
export class InvalidTokenError extends VerifyAccessTokenError {
  static override code = 'invalid_token';
  constructor(description: string, options?: { cause?: unknown }) {
    super('invalid_token', description, 401, options);
  }
}

/** The DPoP proof is missing, malformed or does not match the request (RFC 9449 §4.3, §7.1). */
export class InvalidDpopProofError extends VerifyAccessTokenError {
  static override code = 'invalid_dpop_proof';
  constructor(description: string, options?: { cause?: unknown }) {
    super('invalid_dpop_proof', description, 401, options);
  }
}

/** The proof lacks the current server nonce; retry with the `DPoP-Nonce` sent back (RFC 9449 §9). */
export class UseDpopNonceError extends VerifyAccessTokenError {
  static override code = 'use_dpop_nonce';
  constructor(description: string) {
    super('use_dpop_nonce', description, 401);
  }
}

/** The token is valid but lacks a scope the resource requires (RFC 6750 §3.1). */
export class InsufficientScopeError extends VerifyAccessTokenError {
  static override code = 'insufficient_scope';
  /** The scopes the resource requires, space separated. */
  readonly scope: string;
  constructor(description: string, scope: string) {
    super('insufficient_scope', description, 403);
    this.scope = scope;
  }
}

/**
 * The replay store cannot take the proof's `jti` now: the in-memory store is full of entries
 * still inside their window, or a shared store (Redis) cannot be reached. The proof is refused
 * rather than accepted unrecorded (fail closed): answer `503` with `Retry-After`.
 */
export class ReplayStoreUnavailableError extends VerifyAccessTokenError {
  static override code = 'replay_store_unavailable';
  /** Seconds the client should wait before retrying. */
  retryAfter: number;
  constructor(description: string, options?: { cause?: unknown; retryAfter?: number }) {
    super('temporarily_unavailable', description, 503, options);
    this.retryAfter = options?.retryAfter ?? 1;
  }

  override get headers(): Record<string, string> {
    return { ...super.headers, 'Retry-After': String(this.retryAfter) };
  }
}

/** The tenant refused a token request, or answered something that is not a token response. */
export class TokenForConnectionError extends AuthError {
  static override code = 'token_for_connection_error';
}

/** The tenant could not be reached (connection refused or reset, DNS, TLS, JWKS unavailable). */
export class NetworkError extends AuthError {
  static override code = 'network_error';
  constructor(description: string, options?: { cause?: unknown }) {
    super('network_error', description, 503, options);
  }
}

/** The tenant did not answer within `httpTimeoutInSeconds`. */
export class TimeoutError extends NetworkError {
  static override code = 'timeout';
  constructor(description: string, options?: { cause?: unknown }) {
    super(description, options);
    this.error = 'timeout';
  }
}

/** A required option or argument is missing. A `TypeError`: the caller's code is wrong. */
export class MissingRequiredArgumentError extends TypeError {
  static code = 'missing_required_argument';
  code = MissingRequiredArgumentError.code;
  error = MissingRequiredArgumentError.code;
  /** The name of the missing option or argument. */
  readonly argument: string;
  constructor(argument: string, message: string) {
    super(message);
    this.name = 'MissingRequiredArgumentError';
    this.argument = argument;
  }
}

/** An option or argument has a wrong type or value. A `TypeError`: the caller's code is wrong. */
export class InvalidArgumentError extends TypeError {
  static code = 'invalid_argument';
  code = InvalidArgumentError.code;
  error = InvalidArgumentError.code;
  /** The name of the offending option or argument. */
  readonly argument: string;
  constructor(argument: string, message: string) {
    super(message);
    this.name = 'InvalidArgumentError';
    this.argument = argument;
  }
}
