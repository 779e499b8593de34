// MFA at the token endpoint: the `403 mfa_required` answer (with `mfa_token` and
// `mfa_requirements`) to a refresh for an API whose policy wants a second factor, and Auth0's
// three grants that trade an `mfa_token` plus that factor for tokens: `mfa-otp` (an authenticator
// app's code), `mfa-oob` (an out-of-band code and the binding code the user received) and
// `mfa-recovery-code`. Their tokens carry `amr: ["mfa"]`, and so do the refreshes of their grant.
// Their tokens are issued as token-exchange.js's are (user-grant.js).
// @see https://auth0.com/docs/secure/multi-factor-authentication/authenticate-using-ropg-flow-with-mfa
import { errors } from 'oidc-provider';
import { TenantProblem } from './problem.js';
import { bindGrantHelpers, issueUserTokens, refusal } from './user-grant.js';

export const MFA_OTP = 'http://auth0.com/oauth/grant-type/mfa-otp';
export const MFA_OOB = 'http://auth0.com/oauth/grant-type/mfa-oob';
export const MFA_RECOVERY_CODE = 'http://auth0.com/oauth/grant-type/mfa-recovery-code';
export const MFA_GRANT_TYPES = [MFA_OTP, MFA_OOB, MFA_RECOVERY_CODE];

const list = (value) => (Array.isArray(value) ? value : value ? [value] : []);

/**
 * The token-request hook (tenant.js chains it after MRRT's): a refresh for an API of the MFA
 * policy, by a user with a policy, on a grant that has not passed a second factor, is answered
 * `403 mfa_required` instead.
 * @param {import('oidc-provider').default} provider
 * @param {import('./mfa.js').Mfa} mfa
 */
export function mfaHook(provider, mfa) {
  return async function requireMfa(params) {
    if (params.get('grant_type') !== 'refresh_token') return undefined;
    const token = await provider.RefreshToken.find(params.get('refresh_token') ?? '');
    if (!token || !token.isValid || token.clientId !== params.get('client_id')) return undefined; // the grant refuses it
    const resource = params.get('resource') ?? list(token.resource)[0];
    if (!mfa.required(token.accountId, resource, token.grantId)) return undefined;
    return {
      status: 403,
      error: 'mfa_required',
      error_description: 'Multifactor authentication required',
      mfa_token: mfa.issueToken(token.accountId, token.clientId, resource, params.get('scope') ?? token.scope),
      mfa_requirements: mfa.requirements(token.accountId),
    };
  };
}

/**
 * @param {import('oidc-provider').default} provider
 * @param {import('./mfa.js').Mfa} mfa
 */
export function registerMfaGrants(provider, mfa) {
  const helpers = bindGrantHelpers(provider);

  async function mfaGrant(ctx) {
    const { params, client } = ctx.oidc;
    if (!params.mfa_token) throw new errors.InvalidRequest("missing required parameter 'mfa_token'");
    const grantType = params.grant_type;
    const proof = grantType === MFA_OTP ? { otp: params.otp } : grantType === MFA_OOB
      ? { oob_code: params.oob_code, binding_code: params.binding_code } : { recovery_code: params.recovery_code };
    const required = grantType === MFA_OTP ? 'otp' : grantType === MFA_OOB ? 'oob_code' : 'recovery_code';
    if (!params[required]) throw new errors.InvalidRequest(`missing required parameter '${required}'`);
    const dPoP = await helpers.validateDpop(ctx);

    let record;
    try {
      const { clientId } = mfa.token(params.mfa_token);
      if (clientId !== client.clientId) throw new TenantProblem(403, 'invalid_grant', 'the mfa_token was issued to another client');
      record = mfa.verify(params.mfa_token, proof);
    } catch (error) {
      throw error instanceof TenantProblem ? refusal(error) : error;
    }
    if (params.resource && params.resource !== record.resource) {
      throw new errors.InvalidTarget(`the mfa_token is for audience ${record.resource}, not ${params.resource}`);
    }
    // As Auth0's: without `audience` and `scope`, those of the request that was refused.
    params.resource ??= record.resource;
    params.scope ??= record.scope;

    await issueUserTokens(provider, helpers, ctx, {
      accountId: record.sub, gty: 'mfa', entityLabel: 'mfa_token', dPoP, amr: ['mfa'], onGrant: (grantId) => mfa.markVerified(grantId),
    });
    if (record.recoveryCode) ctx.body.recovery_code = record.recoveryCode;
  }

  const params = ['mfa_token', 'scope', 'resource'];
  provider.registerGrantType(MFA_OTP, mfaGrant, [...params, 'otp'], ['resource']);
  provider.registerGrantType(MFA_OOB, mfaGrant, [...params, 'oob_code', 'binding_code'], ['resource']);
  provider.registerGrantType(MFA_RECOVERY_CODE, mfaGrant, [...params, 'recovery_code'], ['resource']);
}
