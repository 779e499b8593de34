// The test-only control switches of the tenant's MFA (merged into tenant.control): the outbox of
// out-of-band codes, expiring every MFA token, resetting enrollments, and the demo users' factors.
// None of it is reachable over HTTP.

/**
 * @param {import('./mfa.js').Mfa} mfa
 * @param {typeof import('./tenant.config.js').default} config
 */
export function mfaControl(mfa, config) {
  return {
    /**
     * The out-of-band messages "sent" so far (the email stand-in), oldest first.
     * @param {{ to?: string }} [filter]
     * @returns {import('./mfa.js').OutboxMessage[]}
     */
    mfaOutbox({ to } = {}) {
      return mfa.outbox.filter((message) => !to || message.to === to).map((message) => ({ ...message }));
    },
    /** Every `mfa_token` and out-of-band code handed out so far has expired. */
    expireMfaTokens() {
      mfa.expireAll();
    },
    /** Enrollments back to the config's; MFA tokens, challenges, failed attempts and the outbox cleared. */
    resetMfa() {
      mfa.reset();
    },
    /**
     * A demo user's MFA policy as configured: the APIs that need a second factor and the factors
     * (TOTP secrets and recovery codes included, for tests to answer challenges).
     * @param {string} userKey a key of `config.users` (`carol`)
     */
    mfaUser(userKey) {
      const policy = config.mfa?.users?.[userKey];
      if (!policy) throw new TypeError(`mfaUser: ${JSON.stringify(userKey)} has no MFA policy`);
      return { apis: [...(config.mfa?.apis ?? [])], authenticators: policy.authenticators.map((a) => ({ ...a })) };
    },
  };
}
