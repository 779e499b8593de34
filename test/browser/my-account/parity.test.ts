// client.myAccount on both SDKs against the tenant: the factors, the user's authentication
// methods, enrolling an authenticator app with a real code (and a wrong one first), renaming,
// removing, and the new app answering a step-up; then every refusal (unknown id, invalid input,
// an expired token, a Bearer token, a 500 and a non-JSON answer from the API). What crosses the
// network to the My Account API (method, path, scheme, proof, JSON body) is compared too.
import { expect } from '@open-wc/testing';
import type * as Spa from '@auth0/auth0-spa-js';
import { parity, type Env, type Observation } from '../parity/harness.js';
import { mfaFacts, reachLocalTenant, totp } from '../mfa/support.js';
import { apiFailure, recordWire, stable, wrongCode } from './support.js';

const { secure } = await mfaFacts();

/** A signed-in client as the SDK's My Account examples have it (refresh tokens, MRRT, DPoP), fetch recorded. */
async function signedIn(env: Env, user: 'carol' | 'dave', options: Partial<Spa.Auth0ClientOptions> = { useDpop: true }) {
  await env.control('resetMfa');
  await env.control('resetMyAccount');
  if (env.side === 'sdk') reachLocalTenant(env.win);
  const wire = recordWire(env.win);
  const client = env.client({ useRefreshTokens: true, useMrrt: true, cacheLocation: 'localstorage', ...options });
  await env.popupLogin(client, user as any);
  const caught = <T,>(p: Promise<T>) => p.then((resolved) => ({ resolved }), (e) => ({ rejected: apiFailure(env.lib as any, e) }));
  return { client, wire, caught };
}

/** Not differences: values random per run in the tenant's request log, the same tag on both sides. */
const tagPaths = (sdk: Observation, ours: Observation) => {
  for (const side of [sdk, ours]) {
    for (const r of side.requests) {
      r.path = r.path.replace(/(totp|email|recovery-code)%7Cdev_[0-9a-f]{16}/, (_, kind) => `<new ${kind}>`);
      // Each side's DPoP key is its own (its thumbprint in /authorize's dpop_jkt).
      if (r.params.dpop_jkt) r.params.dpop_jkt = '<thumbprint>';
    }
  }
};

describe('parity: client.myAccount', function () {
  this.timeout(120_000);

  it('factors, methods, enroll an authenticator app (a wrong code, then the right one), rename, get, delete; the new app passes a step-up', async () => {
    const { sdk } = await parity(
      async (env) => {
        const { client, wire, caught } = await signedIn(env, 'dave');
        const factors = await client.myAccount.getFactors();
        const before = await client.myAccount.getAuthenticationMethods();
        const challenge = (await client.myAccount.enrollmentChallenge({ type: 'totp' })) as Spa.TotpEnrollmentChallengeResponse;
        const secret = challenge.manual_input_code!;
        const uri = new URL(challenge.barcode_uri);
        const { location, auth_session } = challenge;
        const wrong = await caught(client.myAccount.enrollmentVerify({ type: 'totp', location, auth_session, otp_code: wrongCode(secret) }));
        const right = totp(secret);
        const verified = await client.myAccount.enrollmentVerify({ type: 'totp', location, auth_session, otp_code: right });
        const renamed = await client.myAccount.updateAuthenticationMethod(challenge.id, { name: 'Work phone' });
        const one = await client.myAccount.getAuthenticationMethod(challenge.id);
        const totps = await client.myAccount.getAuthenticationMethods('totp');
        const emails = await client.myAccount.getAuthenticationMethods('email');

        // The app enrolled through the My Account API answers the step-up API's MFA challenge.
        const stepUp: any = await client.getTokenSilently({ authorizationParams: { audience: secure } }).then(() => 'resolved', (e) => e);
        const authenticators = await client.mfa.getAuthenticators(stepUp.mfa_token);
        await client.mfa.challenge({ mfaToken: stepUp.mfa_token, challengeType: 'otp', authenticatorId: authenticators[0].id });
        const passed = await client.mfa.verify({ mfaToken: stepUp.mfa_token, otp: totp(secret) });
        const amr = JSON.parse(atob(passed.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).amr;

        const calls = (await wire.calls()).map((c) => ((c.body as any)?.otp_code === right ? { ...c, body: { ...(c.body as any), otp_code: '<right code>' } } : c));
        return stable(
          {
            factors, before, challenge, otpauth: { protocol: uri.protocol, host: uri.host, secretInUri: uri.searchParams.get('secret') === secret },
            wrong, verified, renamed, one, totps, emails,
            stepUp: { error: stepUp.error, mfa_requirements: stepUp.mfa_requirements, authenticators: authenticators.map((a) => [a.id, a.authenticatorType, a.active]), amr },
            wire: calls,
          },
          { 'new id': challenge.id, secret, 'otpauth uri': challenge.barcode_uri, 'auth session': auth_session, location },
        );
      },
      { deliberate: tagPaths },
    );
    const result = sdk.result as any;
    expect(result.factors).to.deep.equal([{ type: 'totp', usage: ['secondary'] }, { type: 'email', usage: ['secondary'] }, { type: 'recovery-code', usage: ['secondary'] }]);
    expect(result.before).to.deep.equal([]);
    expect(result.challenge).to.deep.include({ id: '<new id>', location: '<location>', auth_session: '<auth session>', barcode_uri: '<otpauth uri>', manual_input_code: '<secret>', type: 'totp' });
    expect(result.otpauth).to.deep.equal({ protocol: 'otpauth:', host: 'totp', secretInUri: true });
    expect(result.wrong.rejected).to.deep.include({ class: 'MyAccountApiError', status: 400, type: 'invalid_otp_code' });
    expect(result.verified).to.deep.include({ id: '<new id>', type: 'totp', confirmed: true });
    expect(result.renamed.name).to.equal('Work phone');
    expect(result.one).to.deep.equal(result.renamed);
    expect(result.totps).to.deep.equal([result.renamed]);
    expect(result.emails).to.deep.equal([]);
    expect(result.stepUp).to.deep.equal({ error: 'mfa_required', mfa_requirements: { challenge: [{ type: 'otp' }] }, authenticators: [['<new id>', 'otp', true]], amr: ['mfa'] });
    // One scope per call, DPoP-bound tokens with a proof on every call, JSON bodies as given.
    expect(result.wire.map((c: any) => `${c.method} ${c.path}${c.query} ${c.scheme} ${c.dpop}`)).to.deep.equal([
      'GET /me/v1/factors DPoP true',
      'GET /me/v1/authentication-methods DPoP true',
      'POST /me/v1/authentication-methods DPoP true',
      'POST /me/v1/authentication-methods/<new id>/verify DPoP true',
      'POST /me/v1/authentication-methods/<new id>/verify DPoP true',
      'PATCH /me/v1/authentication-methods/<new id> DPoP true',
      'GET /me/v1/authentication-methods/<new id> DPoP true',
      'GET /me/v1/authentication-methods?type=totp DPoP true',
      'GET /me/v1/authentication-methods?type=email DPoP true',
    ]);
    expect(result.wire[2].body).to.deep.equal({ type: 'totp' });
    expect(result.wire[4].body).to.deep.equal({ auth_session: '<auth session>', otp_code: '<right code>' });
    const meTokens = sdk.requests.filter((r) => r.path === '/oauth/token' && r.params.audience?.endsWith('/me/'));
    expect(meTokens.map((r) => r.params.scope)).to.deep.equal(
      ['read:me:factors', 'read:me:authentication_methods', 'create:me:authentication_methods', 'update:me:authentication_methods']
        .map((scope) => `openid profile email offline_access ${scope}`),
    );
  });

  it('carol\'s configured methods; an email enrollment (its code from the outbox), a recovery code already there; rename and delete the new one', async () => {
    const { sdk } = await parity(async (env) => {
      const { client, caught } = await signedIn(env, 'carol');
      const methods = await client.myAccount.getAuthenticationMethods();
      const started = await client.myAccount.enrollmentChallenge({ type: 'email', email: 'carol.backup@example.com' });
      const [message] = (await env.control('mfaOutbox', { to: 'carol.backup@example.com' })) as { code: string }[];
      const verified = await client.myAccount.enrollmentVerify({ type: 'email', location: started.location, auth_session: started.auth_session, otp_code: message.code });
      const recovery = await caught(client.myAccount.enrollmentChallenge({ type: 'recovery-code' }));
      const renamed = await client.myAccount.updateAuthenticationMethod(started.id, { name: 'Backup' });
      const removed = await client.myAccount.deleteAuthenticationMethod(started.id);
      const gone = await caught(client.myAccount.getAuthenticationMethod(started.id));
      const after = await client.myAccount.getAuthenticationMethods();
      return stable({ methods, started, verified, recovery, renamed, removed, gone, after }, { 'new id': started.id, location: started.location, 'auth session': started.auth_session });
    }, { deliberate: tagPaths });
    const result = sdk.result as any;
    expect(result.methods.map((m: any) => m.id)).to.deep.equal(['totp|dev_carol0000totp', 'email|dev_carol000email', 'recovery-code|dev_carol00000rc']);
    expect(result.verified).to.deep.include({ id: '<new id>', type: 'email', email: 'carol.backup@example.com', confirmed: true });
    expect(result.recovery.rejected).to.deep.include({ class: 'MyAccountApiError', status: 409, type: 'already_enrolled' });
    expect([result.renamed.name, result.renamed.email]).to.deep.equal(['Backup', 'carol.backup@example.com']);
    expect(result.removed).to.equal('<undefined>');
    expect(result.gone.rejected).to.deep.include({ class: 'MyAccountApiError', status: 404, type: 'not_found' });
    expect(result.after).to.deep.equal(result.methods);
  });

  it('refusals: unknown ids, invalid input, a type the tenant does not enroll, a wrong auth_session', async () => {
    const { sdk } = await parity(async (env) => {
      const { client, caught } = await signedIn(env, 'carol');
      const totpId = 'totp|dev_carol0000totp';
      const challenge = await client.myAccount.enrollmentChallenge({ type: 'totp' });
      return stable(
        {
          get: await caught(client.myAccount.getAuthenticationMethod('totp|dev_nope')),
          update: await caught(client.myAccount.updateAuthenticationMethod('totp|dev_nope', { name: 'x' })),
          emptyName: await caught(client.myAccount.updateAuthenticationMethod(totpId, { name: '' })),
          phoneOption: await caught(client.myAccount.updateAuthenticationMethod(totpId, { preferred_authentication_method: 'sms' })),
          remove: await caught(client.myAccount.deleteAuthenticationMethod('totp|dev_nope')),
          phone: await caught(client.myAccount.enrollmentChallenge({ type: 'phone', phone_number: '+15555550100' })),
          email: await caught(client.myAccount.enrollmentChallenge({ type: 'email', email: 'nope' })),
          session: await caught(client.myAccount.enrollmentVerify({ type: 'totp', location: challenge.location, auth_session: 'not-the-session', otp_code: '123456' })),
          unchanged: await client.myAccount.getAuthenticationMethods(),
        },
        { 'new id': challenge.id, location: challenge.location, 'auth session': challenge.auth_session },
      );
    }, { deliberate: tagPaths });
    const result = sdk.result as any;
    expect([result.get, result.update, result.remove].map((r: any) => [r.rejected.status, r.rejected.type])).to.deep.equal([[404, 'not_found'], [404, 'not_found'], [404, 'not_found']]);
    expect(result.phone.rejected.validation_errors).to.deep.equal([{ detail: 'type must be one of totp, email, recovery-code', field: 'type' }]);
    expect(result.session.rejected.type).to.equal('invalid_auth_session');
    expect(result.unchanged).to.have.length(3);
  });

  it('an expired token: refused with 401 invalid_token (the cached token is not retried)', async () => {
    const { sdk } = await parity(async (env) => {
      const { client, caught } = await signedIn(env, 'carol');
      const first = await client.myAccount.getFactors();
      await env.control('expireMyAccountTokens');
      return { first, expired: await caught(client.myAccount.getFactors()) };
    }, { deliberate: tagPaths });
    expect((sdk.result as any).expired.rejected).to.deep.include({ class: 'MyAccountApiError', status: 401, type: 'invalid_token', detail: 'the access token is expired' });
  });

  it('no token at all (nobody signed in): the call rejects as getTokenSilently does, and nothing reaches the API', async () => {
    const { sdk } = await parity(async (env) => {
      await env.control('resetMyAccount');
      const wire = recordWire(env.win);
      const client = env.client({ useRefreshTokens: true, useMrrt: true, useDpop: true, cacheLocation: 'localstorage' });
      const failed: any = await client.myAccount.getAuthenticationMethods().then(() => 'resolved', (e) => e);
      return { error: failed.error, class: apiFailure(env.lib as any, failed).class, wire: await wire.calls() };
    });
    expect((sdk.result as any).error).to.equal('missing_refresh_token');
    expect((sdk.result as any).wire).to.deep.equal([]);
  });

  it('without useDpop: a Bearer token, which the API refuses (401 invalid_token)', async () => {
    const { sdk } = await parity(async (env) => {
      const { client, wire, caught } = await signedIn(env, 'carol', {});
      const refused = await caught(client.myAccount.getAuthenticationMethods());
      return { refused, wire: await wire.calls() };
    }, { deliberate: tagPaths });
    expect((sdk.result as any).refused.rejected).to.deep.include({ class: 'MyAccountApiError', status: 401, type: 'invalid_token' });
    expect((sdk.result as any).wire.map((c: any) => [c.scheme, c.dpop])).to.deep.equal([['Bearer', false]]);
  });

  it('the API failing: a 500 with problem details, then an answer that is not JSON', async () => {
    const { sdk } = await parity(async (env) => {
      const { client, caught } = await signedIn(env, 'carol');
      await client.myAccount.getFactors();
      await env.control('fault', 'my-account', '500');
      const failed = await caught(client.myAccount.getAuthenticationMethods());
      await env.control('fault', 'my-account', 'malformed');
      const malformed = await caught(client.myAccount.getAuthenticationMethods());
      const recovered = (await client.myAccount.getAuthenticationMethods()).length;
      return { failed, malformed, recovered };
    }, { deliberate: tagPaths });
    const result = sdk.result as any;
    expect(result.failed.rejected).to.deep.include({ class: 'MyAccountApiError', status: 500, type: 'server_error', title: 'Internal Server Error' });
    expect(result.malformed.rejected).to.deep.include({ class: 'MyAccountApiError', status: 200, type: 'invalid_json', title: 'Invalid JSON response' });
    expect(result.recovered).to.equal(3);
  });
});
