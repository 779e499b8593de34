// `client.mfa`'s calls (loaded on first use): Auth0's MFA API — `/mfa/authenticators`,
// `/mfa/associate`, `/mfa/challenge` — and the MFA grants at `/oauth/token`, as the SPA SDK 2.28.3
// makes them (its wire protocol is `@auth0/auth0-auth-js`'s `MfaClient`). What an `mfa_required`
// answer left for its `mfa_token` (the refused request's scope and audience, its requirements) is
// kept by the token path in `ctx.mfa`; verifying with it writes the session as a login does.
// @see https://auth0.com/docs/secure/multi-factor-authentication/authenticate-using-ropg-flow-with-mfa
import type { ClientContext } from '../client-context.js';
import { requestFailed } from '../http.js';
import { DEFAULT_AUDIENCE } from '../scope.js';
import { grantTokens } from '../session-writer.js';
import type { TokenEndpointResponse } from '../token-exchange.js';
import { MfaChallengeError, MfaEnrollmentError, MfaEnrollmentFactorsError, MfaListAuthenticatorsError, MfaVerifyError, type MfaError } from './errors.js';
import {
  MfaGrantTypes,
  type Authenticator,
  type ChallengeAuthenticatorParams,
  type ChallengeResponse,
  type EnrollmentFactor,
  type EnrollmentResponse,
  type EnrollParams,
  type MfaContext,
  type VerifyParams,
} from './types.js';

/** How long a context stays usable (the SDK's 10 minutes, the tenant's `mfa_token` lifetime). */
const CONTEXT_TTL_MS = 10 * 60 * 1000;

const NO_CONTEXT = 'MFA context not found for this MFA token. Please retry the original request to get a new MFA token.';

/** The factor types → `/mfa/associate`'s `authenticator_types` and `oob_channels`. */
const FACTORS: Record<string, [string, string?]> = { otp: ['otp'], sms: ['oob', 'sms'], email: ['oob', 'email'], push: ['oob', 'auth0'], voice: ['oob', 'voice'] };

type MfaErrorClass = new (error: string, error_description: string) => MfaError;

/** The live context for `mfaToken`, if any (an expired one is forgotten). */
function contextOf(ctx: ClientContext, mfaToken: string): MfaContext | undefined {
  const context = ctx.mfa?.get(mfaToken);
  if (context && Date.now() - context.createdAt > CONTEXT_TTL_MS) ctx.mfa!.delete(mfaToken);
  else return context;
  return undefined;
}

/**
 * A call to `<domain>/mfa/<path>` within the HTTP timeout.
 * @throws `Failure` with the tenant's `error` and `error_description` (`unknown_error` for an
 *   answer that is not JSON); TimeoutError; GenericError `network_error`.
 */
async function mfaCall<T>(ctx: ClientContext, path: string, init: RequestInit, Failure: MfaErrorClass, what: string): Promise<T> {
  const url = `${ctx.options.domainUrl}/mfa/${path}`;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(ctx.options.httpTimeoutInSeconds * 1000) });
    text = await response.text();
  } catch (cause) {
    throw requestFailed(url, cause as Error);
  }
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    if (!response.ok) throw new Failure('unknown_error', `Failed to ${what}`);
  }
  if (!response.ok) throw new Failure(body?.error, body?.error_description || `Failed to ${what}`);
  return body;
}

const bearer = (mfaToken: string) => ({ Authorization: `Bearer ${mfaToken}`, 'Content-Type': 'application/json' });

/** The calls behind `client.mfa`, bound to one client's context. */
export const mfaApi = (ctx: ClientContext) => ({
  /**
   * The user's authenticators that the `mfa_required` answer allows (its `challenge` types).
   * @throws MfaListAuthenticatorsError (`invalid_request` when no context is kept for the token).
   */
  async getAuthenticators(mfaToken: string): Promise<Authenticator[]> {
    const context = contextOf(ctx, mfaToken);
    if (!context) throw new MfaListAuthenticatorsError('invalid_request', 'MFA context not found for this MFA token');
    const types = context.mfaRequirements?.challenge?.map((c) => c.type);
    const listed = await mfaCall<any[]>(ctx, 'authenticators', { method: 'GET', headers: bearer(mfaToken) }, MfaListAuthenticatorsError, 'list authenticators');
    const all: Authenticator[] = listed.map((a) => ({ id: a.id, authenticatorType: a.authenticator_type, active: a.active, name: a.name, oobChannels: a.oob_channels, type: a.type }));
    return types?.length ? all.filter((a) => !!a.type && types.includes(a.type)) : all;
  },

  /**
   * Enrolls a factor with the `mfa_token` (`/mfa/associate`): an authenticator app gets its
   * `secret` and `barcodeUri` (otpauth://), an out-of-band one its `oobCode`; the first factor
   * also `recoveryCodes`. Finish with `verify`.
   * @throws TypeError for an unknown `factorType`; MfaEnrollmentError.
   */
  async enroll(params: EnrollParams): Promise<EnrollmentResponse> {
    const factor = FACTORS[params?.factorType];
    if (!factor) throw new TypeError(`mfa.enroll: factorType must be one of ${Object.keys(FACTORS).join(', ')}`);
    const body: Record<string, unknown> = { authenticator_types: [factor[0]] };
    if (factor[1]) body.oob_channels = [factor[1]];
    if ('phoneNumber' in params && params.phoneNumber) body.phone_number = params.phoneNumber;
    if ('email' in params && params.email) body.email = params.email;
    const init = { method: 'POST', headers: bearer(params.mfaToken), body: JSON.stringify(body) };
    const a = await mfaCall<any>(ctx, 'associate', init, MfaEnrollmentError, 'enroll authenticator');
    if (a.authenticator_type === 'otp') return { authenticatorType: 'otp', secret: a.secret, barcodeUri: a.barcode_uri, recoveryCodes: a.recovery_codes, id: a.id };
    if (a.authenticator_type === 'oob') {
      return { authenticatorType: 'oob', oobChannel: a.oob_channel, oobCode: a.oob_code, bindingMethod: a.binding_method, id: a.id, barcodeUri: a.barcode_uri, recoveryCodes: a.recovery_codes };
    }
    throw new MfaEnrollmentError('invalid_response', `Unexpected authenticator type: ${a.authenticator_type}`);
  },

  /**
   * Starts a challenge (`/mfa/challenge`): `otp` prepares for an app's code; `oob` sends a code
   * (email, SMS) and answers the `oobCode` to verify with.
   * @throws MfaChallengeError.
   */
  async challenge({ mfaToken, challengeType, authenticatorId }: ChallengeAuthenticatorParams): Promise<ChallengeResponse> {
    const body = { mfa_token: mfaToken, client_id: ctx.options.clientId, challenge_type: challengeType, ...(authenticatorId && { authenticator_id: authenticatorId }) };
    const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
    const a = await mfaCall<any>(ctx, 'challenge', init, MfaChallengeError, 'challenge authenticator');
    return { challengeType: a.challenge_type, ...(a.oob_code !== undefined && { oobCode: a.oob_code }), ...(a.binding_method !== undefined && { bindingMethod: a.binding_method }) };
  },

  /**
   * The factors the user may enroll (`mfa_requirements.enroll`); empty when they must challenge.
   * @throws MfaEnrollmentFactorsError `mfa_context_not_found`.
   */
  async getEnrollmentFactors(mfaToken: string): Promise<EnrollmentFactor[]> {
    const context = contextOf(ctx, mfaToken);
    if (!context?.mfaRequirements) throw new MfaEnrollmentFactorsError('mfa_context_not_found', NO_CONTEXT);
    return context.mfaRequirements.enroll ?? [];
  },

  /**
   * Trades the `mfa_token` and a code for tokens (grant `mfa-otp`, `mfa-oob` or
   * `mfa-recovery-code`, from the field given), for the refused request's audience and scope; the
   * ID token is verified and the session written as a login's, so `getTokenSilently` for that
   * audience now answers from the cache.
   * @throws MfaVerifyError `mfa_context_not_found` / `invalid_request`; the tenant's answer as
   *   GenericError, as the SDK's: `invalid_grant` (wrong code: the token stays usable),
   *   `expired_token`, `too_many_attempts`.
   */
  async verify(params: VerifyParams): Promise<TokenEndpointResponse> {
    const context = contextOf(ctx, params.mfaToken);
    if (!context) throw new MfaVerifyError('mfa_context_not_found', NO_CONTEXT);
    const { otp, oobCode, bindingCode, recoveryCode } = params;
    const grant_type = otp ? MfaGrantTypes.OTP : oobCode ? MfaGrantTypes.OOB : recoveryCode ? MfaGrantTypes.RECOVERY_CODE : undefined;
    if (!grant_type) throw new MfaVerifyError('invalid_request', 'Unable to determine grant type. Provide one of: otp, oobCode, or recoveryCode.');
    const grant = { grant_type, mfa_token: params.mfaToken, otp, oob_code: oobCode, binding_code: bindingCode, recovery_code: recoveryCode };
    const result = await grantTokens(ctx, grant, { scope: context.scope ?? '', audience: context.audience || DEFAULT_AUDIENCE });
    ctx.mfa!.delete(params.mfaToken);
    return result as TokenEndpointResponse;
  },
});

export type MfaApi = ReturnType<typeof mfaApi>;
