// client.mfa on both SDKs against the tenant: the step-up (MfaRequiredError), listing, challenge,
// enrollment and verify with real codes, and the failures (wrong code, no context, expired
// mfa_token, too many attempts). Each scenario starts from the configured enrollments (resetMfa).
import { expect } from '@open-wc/testing';
import type * as Spa from '@auth0/auth0-spa-js';
import { parity, type Env } from '../parity/harness.js';
import { lastCode, mfaFacts, reachLocalTenant, totp, wrongCode } from './support.js';

const { secure, carol } = await mfaFacts();
const carolSecret = carol.find((a) => a.type === 'otp')!.secret!;

/** A logged-in client (popup) whose getTokenSilently for the step-up API was refused: its MfaRequiredError. */
async function steppedUp(env: Env, user = 'carol', options: Partial<Spa.Auth0ClientOptions> = {}) {
  lib = env.lib as any;
  await env.control('resetMfa');
  if (env.side === 'sdk') reachLocalTenant(env.win);
  const client = env.client({ useRefreshTokens: true, useMrrt: true, cacheLocation: 'localstorage', ...options });
  await env.popupLogin(client, user as any);
  const error: any = await client.getTokenSilently({ authorizationParams: { audience: secure } }).then(
    () => expect.fail('getTokenSilently for the step-up API resolved'),
    (e) => e,
  );
  return { client, error, mfaToken: error.mfa_token as string };
}

/** The error as an app sees it: its class by the name the side's module exports it under (the SDK's are minified). */
let lib: Record<string, unknown> = {};
const className = (e: unknown) => Object.entries(lib).find(([, v]) => typeof v === 'function' && v.prototype === Object.getPrototypeOf(e))?.[0] ?? `<${(e as any)?.constructor?.name}>`;
const failure = (e: any) => ({ name: className(e), error: e?.error, error_description: e?.error_description, message: e?.message });
const caught = (p: Promise<unknown>) => p.then((value) => ({ resolved: value }), failure);

/**
 * Deliberate (README table): `mfa.verify` resolves the SDK's typed `TokenEndpointResponse` — no
 * `decodedToken` (the SDK leaks its decoder's object) and no `refresh_token` (kept by the session,
 * as `loginWithCustomTokenExchange`'s answer).
 */
function verifiedAnswer(path: (o: any) => any) {
  return (sdk: any, ours: any) => {
    const a = path(sdk.result);
    const b = path(ours.result);
    expect(a.decodedToken, 'the SDK leaks decodedToken').to.be.an('object');
    expect(b).to.not.have.property('decodedToken');
    expect(b).to.not.have.property('refresh_token');
    delete a.decodedToken;
    delete a.refresh_token;
  };
}

describe('parity: client.mfa', function () {
  this.timeout(90_000);

  it('a step-up: MfaRequiredError, the authenticators, an otp challenge, verify with the app\'s code, then the token from the cache', async () => {
    const { sdk } = await parity(
      async (env) => {
        const { client, error, mfaToken } = await steppedUp(env);
        const authenticators = await client.mfa.getAuthenticators(mfaToken);
        const challenge = await client.mfa.challenge({ mfaToken, challengeType: 'otp', authenticatorId: authenticators[0].id });
        const verified = await client.mfa.verify({ mfaToken, otp: totp(carolSecret) });
        const token = (await client.getTokenSilently({ authorizationParams: { audience: secure }, detailedResponse: true }))!;
        const stepped = JSON.parse(atob(token.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
        return {
          error: { class: className(error), error: error.error, error_description: error.error_description, mfa_requirements: error.mfa_requirements, fields: Object.keys(error).sort() },
          authenticators,
          challenge,
          verified,
          token,
          amr: stepped.amr,
          sameToken: token.access_token === verified.access_token,
        };
      },
      { deliberate: verifiedAnswer((r) => r.verified) },
    );
    const result = sdk.result as any;
    expect(result.error.mfa_requirements).to.deep.equal({ challenge: [{ type: 'otp' }, { type: 'email' }, { type: 'recovery-code' }] });
    expect(result.authenticators.map((a: any) => a.id)).to.deep.equal(['totp|dev_carol0000totp', 'email|dev_carol000email', 'recovery-code|dev_carol00000rc']);
    expect(result.amr).to.deep.equal(['mfa']);
    expect(result.sameToken).to.equal(true);
    expect(sdk.requests.map((r) => `${r.method} ${r.path} ${r.status} ${r.params.grant_type ?? ''}`)).to.deep.equal([
      'GET /authorize 303 ',
      'POST /oauth/token 200 authorization_code',
      'POST /oauth/token 403 refresh_token',
      'GET /mfa/authenticators 200 ',
      'POST /mfa/challenge 200 ',
      'POST /oauth/token 200 http://auth0.com/oauth/grant-type/mfa-otp',
    ]);
    expect(sdk.requests.at(-1)!.params).to.deep.equal({ client_id: (await import('../parity/harness.js').then((h) => h.facts())).clientId, grant_type: 'http://auth0.com/oauth/grant-type/mfa-otp', mfa_token: '[redacted]', otp: '[redacted]' });
  });

  it('email out of band: challenge oob, the code from the outbox, verify with oobCode and bindingCode', async () => {
    await parity(
      async (env) => {
        const { client, mfaToken } = await steppedUp(env);
        const challenge = await client.mfa.challenge({ mfaToken, challengeType: 'oob', authenticatorId: 'email|dev_carol000email' });
        const verified = await client.mfa.verify({ mfaToken, oobCode: challenge.oobCode, bindingCode: await lastCode('carol@example.com') });
        return { challenge: { ...challenge, oobCode: typeof challenge.oobCode }, verified };
      },
      { deliberate: verifiedAnswer((r) => r.verified) },
    );
  });

  it('dave enrolls an authenticator app (getEnrollmentFactors, enroll otp) and verifies with its first code', async () => {
    await parity(
      async (env) => {
        const { client, mfaToken } = await steppedUp(env, 'dave');
        const factors = await client.mfa.getEnrollmentFactors(mfaToken);
        const listed = await client.mfa.getAuthenticators(mfaToken);
        const enrolled = (await client.mfa.enroll({ mfaToken, factorType: 'otp' })) as Spa.OtpEnrollmentResponse;
        const verified = await client.mfa.verify({ mfaToken, otp: totp(enrolled.secret) });
        return {
          factors,
          listed,
          enrolled: {
            keys: Object.keys(enrolled).sort(),
            authenticatorType: enrolled.authenticatorType,
            secret: /^[A-Z2-7]{32}$/.test(enrolled.secret),
            barcodeUri: enrolled.barcodeUri.startsWith('otpauth://totp/') && enrolled.barcodeUri.includes(`secret=${enrolled.secret}`),
            recoveryCodes: enrolled.recoveryCodes?.length,
            id: enrolled.id?.startsWith('totp|dev_'),
          },
          verified,
        };
      },
      { deliberate: verifiedAnswer((r) => r.verified) },
    );
  });

  it('a wrong code: the tenant\'s invalid_grant (as GenericError, as the SDK\'s), nothing lost: the right code still works', async () => {
    const { sdk } = await parity(
      async (env) => {
        const { client, mfaToken } = await steppedUp(env);
        const wrong = await caught(client.mfa.verify({ mfaToken, otp: wrongCode(carolSecret) }));
        const right = await client.mfa.verify({ mfaToken, otp: totp(carolSecret) });
        return { wrong, right };
      },
      { deliberate: verifiedAnswer((r) => r.right) },
    );
    expect((sdk.result as any).wrong).to.deep.equal({ name: 'GenericError', error: 'invalid_grant', error_description: 'Invalid otp_code.', message: 'Invalid otp_code.' });
  });

  it('an expired mfa_token: challenge fails with MfaChallengeError, verify with the tenant\'s expired_token', async () => {
    await parity(async (env) => {
      const { client, mfaToken } = await steppedUp(env);
      await env.control('expireMfaTokens');
      return {
        challenge: await caught(client.mfa.challenge({ mfaToken, challengeType: 'otp' })),
        list: await caught(client.mfa.getAuthenticators(mfaToken)),
        verify: await caught(client.mfa.verify({ mfaToken, otp: totp(carolSecret) })),
      };
    });
  });

  it('too many attempts: after 10 wrong codes even the right one is refused (too_many_attempts)', async () => {
    const { sdk } = await parity(async (env) => {
      const { client, mfaToken } = await steppedUp(env);
      const wrong = [];
      for (let i = 0; i < 10; i++) wrong.push(((await caught(client.mfa.verify({ mfaToken, otp: wrongCode(carolSecret) }))) as any).error);
      return { wrong, last: await caught(client.mfa.verify({ mfaToken, otp: totp(carolSecret) })) };
    });
    expect((sdk.result as any).last.error).to.equal('too_many_attempts');
  });

  it('without a context for the token (no mfa_required seen): MfaListAuthenticatorsError, MfaEnrollmentFactorsError, MfaVerifyError; a verify without a code', async () => {
    await parity(async (env) => {
      lib = env.lib as any;
      const client = env.client();
      const { mfaToken } = { mfaToken: 'not-a-token-this-client-saw' };
      return {
        list: await caught(client.mfa.getAuthenticators(mfaToken)),
        factors: await caught(client.mfa.getEnrollmentFactors(mfaToken)),
        verify: await caught(client.mfa.verify({ mfaToken, otp: '123456' })),
        classes: [
          (await client.mfa.getAuthenticators(mfaToken).catch((e) => e)) instanceof (env.lib as any).MfaListAuthenticatorsError,
          (await client.mfa.verify({ mfaToken, otp: '1' }).catch((e) => e)) instanceof (env.lib as any).MfaError,
          (await client.mfa.verify({ mfaToken, otp: '1' }).catch((e) => e)) instanceof env.lib.GenericError,
        ],
      };
    });
  });

  it('enrolling when already enrolled: MfaEnrollmentError with the tenant\'s access_denied', async () => {
    await parity(async (env) => {
      const { client, mfaToken } = await steppedUp(env);
      return caught(client.mfa.enroll({ mfaToken, factorType: 'otp' }));
    });
  });
});
