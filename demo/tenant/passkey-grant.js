// The WebAuthn grant at /oauth/token (`urn:okta:params:oauth:grant-type:webauthn`): an
// `auth_session` from /passkey/register or /passkey/challenge (passkey.js) and the ceremony's
// result as `authn_response` (the JSON of a PublicKeyCredential, binary fields base64url), verified
// with @simplewebauthn/server against that session's challenge, origin and relying party. A signup
// stores the credential and creates the user; a login checks the stored credential's signature and
// counter. Each auth session answers one token request: a replayed assertion is refused.
// @see https://www.w3.org/TR/webauthn-3/#sctn-verifying-assertion
import { randomUUID } from 'node:crypto';
import { errors } from 'oidc-provider';
import { TenantProblem } from './problem.js';
import { WEBAUTHN_GRANT } from './passkey.js';
import { bindGrantHelpers, issueUserTokens, refusal } from './user-grant.js';

/** @returns {Promise<typeof import('@simplewebauthn/server')>} */
async function webauthn() {
  try {
    return await import('@simplewebauthn/server');
  } catch (error) {
    throw new Error('the tenant\'s passkeys need the package @simplewebauthn/server (an optional peer dependency): npm install --save-dev @simplewebauthn/server@^14', { cause: error });
  }
}

/** Fields and their types (strings as `string`), to compare what two clients sent. */
function shapeOf(value) {
  if (value === null || typeof value !== 'object') return typeof value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, shapeOf(value[key])]));
}

/**
 * @param {import('oidc-provider').default} provider
 * @param {object} tenant
 * @param {ReturnType<typeof import('./passkey.js').passkeys>} tenant.passkeys
 * @param {import('./directory.js').Directory} tenant.directory
 * @param {Map<string, string>} tenant.grantOrgs grantId → organization key (org_id in tokens)
 */
export function registerWebAuthnGrant(provider, { passkeys, directory, grantOrgs }) {
  const helpers = bindGrantHelpers(provider);

  /** Verifies a signup's attestation: the credential is stored and the user created. */
  async function signup(session, response) {
    const { verifyRegistrationResponse } = await webauthn();
    const result = await verifyRegistrationResponse({
      response, expectedChallenge: session.challenge, expectedOrigin: session.origin, expectedRPID: session.rpId, requireUserVerification: true,
    });
    if (!result.verified) throw new TenantProblem(400, 'invalid_grant', 'the passkey registration could not be verified');
    const { credential } = result.registrationInfo;
    if (passkeys.credentials.has(credential.id)) throw new TenantProblem(400, 'invalid_grant', 'this passkey is already registered');
    const { sub, userHandle, profile } = /** @type {NonNullable<typeof session.signup>} */ (session.signup);
    const login = profile.username ?? profile.email ?? profile.phone_number;
    directory.addUser({
      sub,
      username: profile.username ?? login,
      password: '',
      name: profile.name ?? login,
      nickname: profile.nickname ?? login.split('@')[0],
      email: profile.email ?? '',
      email_verified: false,
      picture: profile.picture ?? '',
      updated_at: new Date().toISOString(),
      organizations: [],
    });
    passkeys.credentials.set(credential.id, {
      id: credential.id, publicKey: credential.publicKey, counter: credential.counter, transports: credential.transports, sub, userHandle, rpId: session.rpId,
    });
    return sub;
  }

  /** Verifies a login's assertion with the stored credential, and its signature counter. */
  async function login(session, response) {
    const stored = passkeys.credentials.get(response.id);
    if (!stored || stored.rpId !== session.rpId) throw new TenantProblem(400, 'invalid_grant', 'no passkey with this credential id is registered for this relying party');
    if (response.response?.userHandle !== undefined && response.response.userHandle !== stored.userHandle) {
      throw new TenantProblem(400, 'invalid_grant', 'the passkey\'s user handle does not match its user');
    }
    const { verifyAuthenticationResponse } = await webauthn();
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: session.challenge,
      expectedOrigin: session.origin,
      expectedRPID: session.rpId,
      credential: { id: stored.id, publicKey: stored.publicKey, counter: stored.counter, transports: /** @type {any} */ (stored.transports) },
      requireUserVerification: true,
    });
    if (!result.verified) throw new TenantProblem(400, 'invalid_grant', 'the passkey assertion could not be verified');
    stored.counter = result.authenticationInfo.newCounter;
    return stored.sub;
  }

  async function webauthnGrant(ctx) {
    const { params, client } = ctx.oidc;
    for (const name of ['auth_session', 'authn_response']) {
      if (!params[name]) throw new errors.InvalidRequest(`missing required parameter '${name}'`);
    }
    const dPoP = await helpers.validateDpop(ctx);
    let response;
    try {
      response = JSON.parse(params.authn_response);
    } catch {
      throw new errors.InvalidRequest('authn_response must be the JSON of a PublicKeyCredential');
    }
    if (!response || typeof response !== 'object' || typeof response.id !== 'string' || typeof response.response !== 'object') {
      throw new errors.InvalidRequest('authn_response must be the JSON of a PublicKeyCredential');
    }
    passkeys.grants.push(shapeOf(response));

    let sub;
    let session;
    try {
      session = passkeys.take(params.auth_session, client.clientId);
      if (params.realm !== undefined && params.realm !== (session.realm ?? params.realm)) throw new TenantProblem(400, 'invalid_request', 'realm differs from the challenge\'s');
      sub = session.kind === 'signup' ? await signup(session, response) : await login(session, response);
    } catch (error) {
      if (error instanceof TenantProblem) throw refusal(error);
      // @simplewebauthn/server's verification failures (wrong challenge, origin, RP, signature, counter).
      throw refusal(new TenantProblem(400, 'invalid_grant', `the passkey could not be verified: ${error.message}`));
    }

    const orgName = params.organization ?? session.organization;
    const org = orgName ? directory.organization(orgName) : undefined;
    if (org && !directory.isMember(sub, org.key)) throw new errors.AccessDenied(`the user is not a member of the organization ${org.name}`);

    await issueUserTokens(provider, helpers, ctx, {
      accountId: sub, gty: 'webauthn', entityLabel: 'auth_session', dPoP, sid: randomUUID(), onGrant: (grantId) => org && grantOrgs.set(grantId, org.key),
    });
  }

  provider.registerGrantType(WEBAUTHN_GRANT, webauthnGrant, ['auth_session', 'authn_response', 'realm', 'organization', 'scope', 'resource'], ['resource']);
}
