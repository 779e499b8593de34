// The anonymous-session error (the SDK's `AnonymousSessionError`: a direct Error with `code` and
// the tenant's answer as `cause`), and how these errors keep a tenant's answer. In the anonymous
// chunk: the kit loads it with the sub-client; the engine entry re-exports it (sdk-surface.ts).

export type TenantAnswer = { error?: string; error_description?: string; message?: string };

/** The tenant's answer as these errors keep it: its `error`, `error_description` and `message` only. */
export const tenantAnswer = (cause: any): TenantAnswer | undefined => cause && { error: cause.error, error_description: cause.error_description, message: cause.message };

/**
 * An anonymous-session failure: `code` (`session_expired`, `invalid_session_token`,
 * `unauthorized_client`, `invalid_target`, `invalid_request`, `invalid_scope`, `server_error`, …),
 * `message`, and the tenant's answer as `cause`.
 */
export class AnonymousSessionError extends Error {
  declare cause?: TenantAnswer;

  constructor(
    public code: string,
    message: string,
    cause?: any,
  ) {
    super(message);
    this.name = 'AnonymousSessionError';
    this.cause = tenantAnswer(cause);
  }
}
