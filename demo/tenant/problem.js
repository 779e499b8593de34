/** A refusal by one of the tenant's own APIs (MFA, passkeys): the HTTP status and Auth0's `{error, error_description}`. */
export class TenantProblem extends Error {
  /** @param {number} status @param {string} error @param {string} description */
  constructor(status, error, description) {
    super(description);
    this.status = status;
    this.error = error;
  }

  toJSON() {
    return { error: this.error, error_description: this.message };
  }
}
