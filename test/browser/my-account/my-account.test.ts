// client.myAccount on our engine, beyond what the differential tests compare: its code is a chunk
// loaded by the first call; malformed arguments are TypeErrors naming them, before any request;
// enrollmentVerify never sends the token outside the API; MyAccountApiError is also a
// GenericError; a network failure is GenericError `network_error`; `new MyAccountApiClient(fetcher,
// apiBase)` works as the SDK's constructor.
import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { GenericError, MyAccountApiError } from '../../../src/index.js';
import { MyAccountApiClient } from '../../../src/engine.js';
import { cleanSlate, failure, newClient, popupLogin } from '../engine/helpers.js';
import { totp } from '../mfa/support.js';

/** A DPoP client of the tenant's SPA signed in as carol (refresh tokens, MRRT). */
async function carol() {
  await cleanSlate();
  await tenant.control('resetMfa');
  await tenant.control('resetMyAccount');
  const client = await newClient({ useRefreshTokens: true, useMrrt: true, useDpop: true });
  await popupLogin(client, 'carol' as any);
  await tenant.control('resetRequests');
  return client;
}

const meRequests = async () => ((await tenant.control('requests')) as { path: string; method: string }[]).filter((r) => r.path.startsWith('/me/') && r.method !== 'OPTIONS');

/** Was the module at `path` (under src/) fetched by this page? */
const fetched = (path: string) => performance.getEntriesByType('resource').some((entry) => new URL(entry.name).pathname.startsWith(`/src/${path}`));

describe('client.myAccount (ours)', function () {
  this.timeout(60_000);

  it('loads its code on the first call only', async () => {
    const client = await carol();
    expect(client.myAccount).to.be.instanceOf(MyAccountApiClient);
    expect(fetched('my-account/my-account-api'), 'before the first call').to.equal(false);
    const factors = await client.myAccount.getFactors();
    expect(factors.map((f) => f.type)).to.deep.equal(['totp', 'email', 'recovery-code']);
    expect(fetched('my-account/my-account-api'), 'after the first call').to.equal(true);
  });

  it('malformed arguments are TypeErrors naming them, and nothing is sent', async () => {
    const client = await carol();
    const api = client.myAccount as any;
    for (const [call, pattern] of [
      [() => api.getAuthenticationMethod(''), /myAccount\.getAuthenticationMethod: `id` must be a non-empty string/],
      [() => api.updateAuthenticationMethod(undefined, { name: 'x' }), /myAccount\.updateAuthenticationMethod: `id`/],
      [() => api.updateAuthenticationMethod('totp|dev_carol0000totp', 'x'), /myAccount\.updateAuthenticationMethod: `data` must be an object/],
      [() => api.deleteAuthenticationMethod(42), /myAccount\.deleteAuthenticationMethod: `id`/],
      [() => api.enrollmentChallenge({}), /myAccount\.enrollmentChallenge: `type` is required/],
      [() => api.enrollmentVerify({ type: 'totp', otp_code: '123456', auth_session: 's' }), /myAccount\.enrollmentVerify: `location`/],
    ] as const) {
      const error = await failure(call());
      expect(error, String(pattern)).to.be.instanceOf(TypeError);
      expect(error.message).to.match(pattern);
    }
    expect(await meRequests()).to.deep.equal([]);
  });

  it('enrollmentVerify sends the token only to a pending method of the API: another origin or path is a TypeError', async () => {
    const client = await carol();
    const { location, auth_session } = await client.myAccount.enrollmentChallenge({ type: 'totp' });
    await tenant.control('resetRequests');
    const elsewhere = [
      location.replace(/^http:\/\/127\.0\.0\.1:\d+/, 'http://127.0.0.1:9'),
      location.replace('/authentication-methods/', '/connected-accounts/'),
      `${location}/verify`,
      `${location}?x=1`,
      'javascript:alert(1)',
    ];
    for (const target of elsewhere) {
      const error = await failure(client.myAccount.enrollmentVerify({ type: 'totp', location: target, auth_session, otp_code: '123456' }));
      expect(error, target).to.be.instanceOf(TypeError);
      expect(error.message).to.include('`location` must be the URL enrollmentChallenge returned');
    }
    const missing = await failure(client.myAccount.enrollmentVerify({ type: 'totp', location, auth_session: '', otp_code: '123456' }));
    expect(missing.message).to.include('`auth_session` is required');
    expect(await meRequests()).to.deep.equal([]);
  });

  it('MyAccountApiError is also a GenericError: `error` is the problem type, and the problem details as sent', async () => {
    const client = await carol();
    const error = await failure(client.myAccount.getAuthenticationMethod('totp|dev_nope'));
    expect(error).to.be.instanceOf(MyAccountApiError).and.instanceOf(GenericError);
    expect({ error: error.error, error_description: error.error_description, name: error.name }).to.deep.equal({
      error: 'not_found',
      error_description: 'no authentication method "totp|dev_nope"',
      name: 'MyAccountApiError',
    });
    expect({ type: error.type, status: error.status, title: error.title, detail: error.detail }).to.deep.equal({
      type: 'not_found', status: 404, title: 'Not Found', detail: 'no authentication method "totp|dev_nope"',
    });
  });

  it('an enrolled app answers a step-up with our client.mfa; a removed one no longer does', async () => {
    const client = await carol();
    const { secure } = (await tenant.info()).apis as Record<string, string>;
    const { id, location, auth_session, manual_input_code: secret } = (await client.myAccount.enrollmentChallenge({ type: 'totp' })) as any;
    await client.myAccount.enrollmentVerify({ type: 'totp', location, auth_session, otp_code: totp(secret) });
    // carol's own app goes; the new one stays.
    await client.myAccount.deleteAuthenticationMethod('totp|dev_carol0000totp');
    const stepUp: any = await failure(client.getTokenSilently({ authorizationParams: { audience: secure } }));
    expect(stepUp.error).to.equal('mfa_required');
    const authenticators = await client.mfa.getAuthenticators(stepUp.mfa_token);
    expect(authenticators.filter((a) => a.authenticatorType === 'otp').map((a) => a.id)).to.deep.equal([id]);
    const { mfaRequirements } = { mfaRequirements: stepUp.mfa_requirements };
    expect(mfaRequirements.challenge.map((c: any) => c.type)).to.include('otp');
    await client.mfa.challenge({ mfaToken: stepUp.mfa_token, challengeType: 'otp', authenticatorId: id });
    const carolSecret = ((await tenant.control('mfaUser', 'carol')) as any).authenticators.find((a: any) => a.type === 'otp').secret;
    const removed = await failure(client.mfa.verify({ mfaToken: stepUp.mfa_token, otp: totp(carolSecret) }));
    expect(removed.error, 'the removed app\'s code').to.equal('invalid_grant');
    const passed = await client.mfa.verify({ mfaToken: stepUp.mfa_token, otp: totp(secret) });
    expect(passed.access_token).to.be.a('string');
  });

  it('the API unreachable: GenericError network_error; then the next call goes through', async () => {
    const client = await carol();
    await client.myAccount.getFactors();
    // Several: Chromium retries a request whose reused connection was reset.
    await tenant.control('fault', 'my-account', 'network', 9);
    const error = await failure(client.myAccount.getFactors());
    expect(error).to.be.instanceOf(GenericError);
    expect(error.error).to.equal('network_error');
    await tenant.control('clearFaults');
    expect((await client.myAccount.getFactors()).length).to.equal(3);
  });

  it('new MyAccountApiClient(fetcher, apiBase), as the SDK\'s constructor, with a fetcher of the app', async () => {
    const client = await carol();
    const { issuer } = (await tenant.info()) as { issuer: string };
    const fetcher = client.createFetcher({
      dpopNonceId: 'my-own',
      getAccessToken: (params) => client.getTokenSilently({ authorizationParams: { audience: `${issuer}me/`, scope: ([] as string[]).concat(params?.scope ?? []).join(' ') } }),
    });
    const mine = new MyAccountApiClient(fetcher, `${issuer}me/`);
    expect((await mine.getAuthenticationMethods('email')).map((m) => m.id)).to.deep.equal(['email|dev_carol000email']);
    const renamed = await mine.updateAuthenticationMethod('email|dev_carol000email', { name: 'Inbox' });
    expect(renamed).to.deep.include({ name: 'Inbox', email: 'carol@example.com' });
  });
});
