// The passkey sub-client's errors, the SPA SDK's classes: `PasskeyError` (the SDK's own: WebAuthn
// missing, a ceremony that returned nothing, a credential of neither kind) and the three its
// dependency auth0-auth-js throws for the tenant's endpoints, which are not `PasskeyError`s there
// either: `PasskeyRegisterError`, `PasskeyChallengeError`, `PasskeyGetTokenError`, each with a fixed
// `code`, the tenant's answer as `cause`, and the HTTP `statusCode`, `headers` and raw `body`.
// With the passkey chunk in the kit; the engine entry re-exports them (sdk-surface.ts).
// (Not importing anonymous/errors.ts's like helper: a module shared by two lazy chunks becomes a
// third chunk, or rides in one of them.)

/** The tenant's error answer as the passkey API errors keep it (`PasskeyErrorResponse`). */
export interface PasskeyErrorResponse {
  error: string;
  error_description: string;
  message?: string;
}

/**
 * A passkey call that failed in the browser: `code` `passkey_not_supported` (no WebAuthn),
 * `passkey_cancelled` (the ceremony returned no credential) or `passkey_invalid_credential`.
 */
export class PasskeyError extends Error {
  constructor(
    public code: string,
    message: string,
    public override cause?: PasskeyErrorResponse,
  ) {
    super(message);
    this.name = 'PasskeyError';
  }
}

/** What the three endpoint errors share (auth0-auth-js's abstract `PasskeyError`). */
class PasskeyApiError extends Error {
  declare cause?: PasskeyErrorResponse;
  /** The answer's HTTP status, when there was one. */
  statusCode?: number;
  /** The answer's headers (without `set-cookie`), when there was one. */
  headers?: Headers;
  /** The answer's body as received, when there was one. */
  body?: string;

  constructor(
    public code: string,
    message: string,
    cause?: any,
  ) {
    super(message);
    this.cause = cause && { error: cause.error, error_description: cause.error_description, message: cause.message };
    this.statusCode = typeof cause?.statusCode === 'number' ? cause.statusCode : undefined;
    this.headers = cause?.headers instanceof Headers ? cause.headers : undefined;
    this.body = typeof cause?.body === 'string' ? cause.body : undefined;
  }
}

/** `getSignupChallenge` / `signup`: the tenant refused the signup challenge (`POST /passkey/register`). */
export class PasskeyRegisterError extends PasskeyApiError {
  constructor(message: string, cause?: any) {
    super('passkey_register_error', message, cause);
    this.name = 'PasskeyRegisterError';
  }
}

/** `getLoginChallenge` / `login`: the tenant refused the login challenge (`POST /passkey/challenge`). */
export class PasskeyChallengeError extends PasskeyApiError {
  constructor(message: string, cause?: any) {
    super('passkey_challenge_error', message, cause);
    this.name = 'PasskeyChallengeError';
  }
}

/**
 * auth0-auth-js's error for a refused WebAuthn grant. The SPA SDK (and this engine) report the token
 * endpoint's refusal as `GenericError` with the tenant's `error`; the class is exported as the SDK's.
 */
export class PasskeyGetTokenError extends PasskeyApiError {
  constructor(message: string, cause?: any) {
    super('passkey_get_token_error', message, cause);
    this.name = 'PasskeyGetTokenError';
  }
}
