// The error classes of the SPA SDK, same names and `error` codes, so code written against
// `@auth0/auth0-spa-js` keeps its `catch` blocks. Every class carries a stable `error` string:
// callers branch on `error.error`, never on the message.

/**
 * Base class of every engine error: an OAuth-style `error` code (RFC 6749 §5.2 where the tenant
 * sent one, otherwise one of ours) and a human-readable `error_description`.
 */
export class GenericError extends Error {
  /** Stable machine-readable code, e.g. `login_required`, `state_mismatch`, `timeout`. */
  error: string;
  /** Human-readable explanation; safe to log (never contains a token). */
  error_description: string;

  constructor(error: string, error_description: string) {
    super(error_description);
    this.error = error;
    this.error_description = error_description;
  }

  /** Builds the error from an RFC 6749 §5.2 error response body. */
  static fromPayload({ error, error_description }: { error: string; error_description?: string }): GenericError {
    return new GenericError(error, error_description || error);
  }
}

/**
 * The authorization server answered the redirect with an `error` (RFC 6749 §4.1.2.1); carries the
 * `state` of the answer and the `appState` saved when the login started.
 */
export class AuthenticationError extends GenericError {
  constructor(
    error: string,
    error_description: string,
    public state: string,
    public appState: any = null,
  ) {
    super(error, error_description);
  }
}

/** The connected-accounts redirect (`connect_code`) came back with an `error`. */
export class ConnectError extends GenericError {
  constructor(
    error: string,
    error_description: string,
    public connection: string,
    public state: string,
    public appState: any = null,
  ) {
    super(error, error_description);
  }
}

/** Silent authentication or a request to the tenant took longer than allowed (`error` = `timeout`). */
export class TimeoutError extends GenericError {
  constructor() {
    super('timeout', 'Timeout');
  }
}

/** The login popup was not completed in time (`error` = `timeout`); `popup` is still open. */
export class PopupTimeoutError extends TimeoutError {
  constructor(public popup: Window) {
    super();
  }
}

/** The user closed the login popup before it finished (`error` = `cancelled`). */
export class PopupCancelledError extends GenericError {
  constructor(public popup: Window) {
    super('cancelled', 'Popup closed');
  }
}

/**
 * `window.open` returned `null`, usually because the call did not happen synchronously inside a
 * user gesture (`error` = `popup_open`).
 */
export class PopupOpenError extends GenericError {
  constructor() {
    super('popup_open', 'Unable to open a popup for loginWithPopup - window.open returned `null`');
  }
}

/** The factors an `mfa_required` answer allows: `challenge` (use one) or `enroll` (add one). */
export interface MfaRequirements {
  challenge?: { type: string }[];
  enroll?: { type: string }[];
}

/** The token endpoint asked for multi-factor authentication (`error` = `mfa_required`). */
export class MfaRequiredError extends GenericError {
  constructor(
    error: string,
    error_description: string,
    public mfa_token: string,
    public mfa_requirements?: MfaRequirements,
  ) {
    super(error, error_description);
  }
}

/** An option combination the SDK refuses (`error` = `invalid_configuration`), with how to fix it. */
export class InvalidConfigurationError extends GenericError {
  constructor(
    message: string,
    public suggestion: string,
  ) {
    super('invalid_configuration', `${message} ${suggestion}`);
  }
}

/** No refresh token is available for the audience and scope (`error` = `missing_refresh_token`). */
export class MissingRefreshTokenError extends GenericError {
  constructor(
    public audience: string,
    public scope: string,
  ) {
    super(
      'missing_refresh_token',
      `Missing Refresh Token (audience: '${audience === 'default' ? '' : audience}', scope: '${scope}')`,
    );
  }
}

/**
 * A refresh grant for another audience or more scopes (MRRT) came back without some of the scopes
 * asked for (`error` = `missing_scopes`); `scope` lists the missing ones, comma-separated.
 */
export class MissingScopesError extends GenericError {
  constructor(
    public audience: string,
    public scope: string,
  ) {
    super(
      'missing_scopes',
      `Missing requested scopes after refresh (audience: '${audience === 'default' ? '' : audience}', missing scope: '${scope}')`,
    );
  }
}

/** The server kept rejecting the DPoP proof's nonce after one retry (`error` = `use_dpop_nonce`). */
export class UseDpopNonceError extends GenericError {
  constructor(public newDpopNonce: string | undefined) {
    super('use_dpop_nonce', 'Server rejected DPoP proof: wrong nonce');
  }
}

/** The problem details (RFC 9457) of a My Account API error answer. */
export interface MyAccountApiProblem {
  type: string;
  status: number;
  title: string;
  detail: string;
  validation_errors?: { detail: string; field?: string; pointer?: string; source?: string }[];
}

/**
 * The My Account API answered an error (connected accounts): its problem-details fields as they
 * came, with `error` = `type` (e.g. `connection_not_found`, `invalid_code_verifier`).
 */
export class MyAccountApiError extends GenericError implements MyAccountApiProblem {
  type: string;
  status: number;
  title: string;
  detail: string;
  validation_errors?: MyAccountApiProblem['validation_errors'];

  constructor({ type, status, title, detail, validation_errors }: MyAccountApiProblem) {
    super(type, detail || title || type);
    this.name = 'MyAccountApiError';
    this.type = type;
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.validation_errors = validation_errors;
  }
}
