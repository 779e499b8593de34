// GET /api/secrets: a step-up route. It takes only an access token for the step-up API (the
// tenant's `mfa.apis`, e.g. https://secure.example.com, verified by its own ApiClient) whose `amr`
// says a second factor was passed; any other verified token — a password-only sign-in — gets 403
// with the challenge of OAuth 2.0 Step-Up Authentication (RFC 9470 §3), so a client knows it must
// step up rather than sign in again.

/** The `error` of a token that is valid but was issued without a second factor (RFC 9470 §3). */
export const INSUFFICIENT = 'insufficient_user_authentication';

/**
 * @param {{claims: import('../../lib/src/server/index.js').VerifiedAccessToken}} context
 * @returns {{status: number, body: unknown, headers?: Record<string, string>}}
 */
export function secrets({ claims }) {
  const amr = Array.isArray(claims.amr) ? claims.amr : [];
  if (!amr.includes('mfa')) {
    const error_description = 'This route needs a step-up: an access token whose amr includes "mfa" (pass a second factor, then ask for a new token).';
    return {
      status: 403,
      body: { error: INSUFFICIENT, error_description, amr },
      headers: { 'WWW-Authenticate': `${claims.token_type === 'DPoP' ? 'DPoP' : 'Bearer'} error="${INSUFFICIENT}", error_description="${error_description.replace(/"/g, "'")}"` },
    };
  }
  return {
    status: 200,
    body: {
      user: String(claims.sub),
      amr,
      secrets: [
        { id: 1, text: 'The vault code is 0451.' },
        { id: 2, text: `You passed a second factor: this token's amr is ${JSON.stringify(amr)}.` },
      ],
    },
  };
}

/** The route's token is verified for the step-up API, not the demo API's default audience. */
secrets.stepUp = true;
