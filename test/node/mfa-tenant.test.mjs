// Multi-factor authentication at the local tenant: `403 mfa_required` on a refresh for the step-up
// API (users with an MFA policy only), the MFA API (/mfa/authenticators, /mfa/associate,
// /mfa/challenge) and the mfa-otp, mfa-oob and mfa-recovery-code grants, with real TOTP codes from
// the demo user's secret, the email stand-in's outbox, and the failures (wrong code, expired
// mfa_token, too many attempts).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { Secret, TOTP } from 'otpauth';
import { startTenant } from '../../demo/tenant/index.js';
import { APP_ORIGIN, authorize, Browser, login, tokenRequest } from '../support/tenant-flow.mjs';

const OTP = 'http://auth0.com/oauth/grant-type/mfa-otp';
const OOB = 'http://auth0.com/oauth/grant-type/mfa-oob';
const RECOVERY = 'http://auth0.com/oauth/grant-type/mfa-recovery-code';
const SCOPE = 'openid profile email offline_access read:secrets';

/** @type {Awaited<ReturnType<typeof startTenant>>} */
let tenant;
let spa;
let secure;

before(async () => {
  tenant = await startTenant({ appOrigins: [APP_ORIGIN], quiet: true });
  spa = tenant.info.clients.spa.clientId;
  secure = tenant.info.apis.secure;
});
after(() => tenant.close());
beforeEach(() => tenant.control.resetMfa());

const totp = (secret) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
const carolSecret = () => tenant.control.mfaUser('carol').authenticators.find((a) => a.type === 'otp').secret;

/** Logs `user` in for the default API with a refresh token, then refreshes for the step-up API. */
async function stepUp(user) {
  const tokens = await login(new Browser(tenant.domain), tenant, {
    user, params: { audience: tenant.info.apis.default, scope: 'openid profile email offline_access' },
  });
  assert.equal(tokens.status, 200, tokens.text);
  const refresh = await tokenRequest(tenant, {
    grant_type: 'refresh_token', client_id: spa, refresh_token: tokens.data.refresh_token, audience: secure, scope: SCOPE,
  });
  return { refresh, refreshToken: tokens.data.refresh_token };
}

async function mfaApi(method, path, { token, body, origin } = {}) {
  const response = await fetch(`${tenant.issuer}mfa/${path}`, {
    method,
    headers: { ...(token && { authorization: `Bearer ${token}` }), ...(body && { 'content-type': 'application/json' }), ...(origin && { origin }) },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, data: text ? JSON.parse(text) : undefined };
}

const verify = (grantType, mfaToken, extra) => tokenRequest(tenant, { grant_type: grantType, client_id: spa, mfa_token: mfaToken, audience: secure, scope: SCOPE, ...extra });

describe('tenant: mfa_required', () => {
  it('a refresh for the step-up API by a user with an authenticator answers 403 mfa_required with mfa_token and challenge requirements', async () => {
    const { refresh } = await stepUp('carol');
    assert.equal(refresh.status, 403, refresh.text);
    assert.equal(refresh.data.error, 'mfa_required');
    assert.equal(refresh.data.error_description, 'Multifactor authentication required');
    assert.match(refresh.data.mfa_token, /^[\w-]{20,}$/);
    assert.deepEqual(refresh.data.mfa_requirements, { challenge: [{ type: 'otp' }, { type: 'email' }, { type: 'recovery-code' }] });
  });

  it('a user who must enroll gets enroll requirements; a user without MFA gets the token', async () => {
    const dave = await stepUp('dave');
    assert.equal(dave.refresh.status, 403);
    assert.deepEqual(dave.refresh.data.mfa_requirements, { enroll: [{ type: 'otp' }, { type: 'email' }] });
    const alice = await stepUp('alice');
    assert.equal(alice.refresh.status, 200, alice.refresh.text);
    assert.equal(decodeJwt(alice.refresh.data.access_token).amr, undefined);
  });

  it('other APIs need no second factor, and the log never keeps the mfa_token or the code', async () => {
    const tokens = await login(new Browser(tenant.domain), tenant, { user: 'carol', params: { audience: tenant.info.apis.default, scope: 'openid offline_access' } });
    const refresh = await tokenRequest(tenant, { grant_type: 'refresh_token', client_id: spa, refresh_token: tokens.data.refresh_token });
    assert.equal(refresh.status, 200, refresh.text);
    const { refresh: stepped } = await stepUp('carol');
    await verify(OTP, stepped.data.mfa_token, { otp: totp(carolSecret()) });
    const logged = tenant.control.tokenRequests({ grantType: OTP }).at(-1);
    assert.equal(logged.params.mfa_token, '[redacted]');
    assert.equal(logged.params.otp, '[redacted]');
  });
});

describe('tenant: the MFA API and grants', () => {
  it('lists carol\'s authenticators (no secrets), challenges otp, and a real TOTP code gives tokens with amr mfa that keep it on refresh', async () => {
    const { refresh } = await stepUp('carol');
    const token = refresh.data.mfa_token;
    const listed = await mfaApi('GET', 'authenticators', { token, origin: APP_ORIGIN });
    assert.equal(listed.status, 200);
    assert.equal(listed.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.deepEqual(listed.data.map((a) => [a.id, a.authenticator_type, a.type, a.active, a.oob_channel]), [
      ['totp|dev_carol0000totp', 'otp', 'otp', true, undefined],
      ['email|dev_carol000email', 'oob', 'email', true, 'email'],
      ['recovery-code|dev_carol00000rc', 'recovery-code', 'recovery-code', true, undefined],
    ]);
    assert.ok(!JSON.stringify(listed.data).includes(carolSecret()));
    const challenge = await mfaApi('POST', 'challenge', { body: { mfa_token: token, client_id: spa, challenge_type: 'otp', authenticator_id: 'totp|dev_carol0000totp' } });
    assert.deepEqual(challenge, { ...challenge, status: 200, data: { challenge_type: 'otp' } });

    const tokens = await verify(OTP, token, { otp: totp(carolSecret()) });
    assert.equal(tokens.status, 200, tokens.text);
    const claims = decodeJwt(tokens.data.access_token);
    assert.ok([claims.aud].flat().includes(secure), 'for the step-up API');
    assert.deepEqual(claims.amr, ['mfa']);
    assert.equal(claims.sub, 'auth0|carol');
    assert.ok(tokens.data.id_token && tokens.data.refresh_token);
    assert.match(tokens.data.scope, /read:secrets/);

    const bare = await stepUp('carol');
    const minimal = await tokenRequest(tenant, { grant_type: OTP, client_id: spa, mfa_token: bare.refresh.data.mfa_token, otp: totp(carolSecret()) });
    assert.equal(minimal.status, 200, minimal.text);
    assert.ok([decodeJwt(minimal.data.access_token).aud].flat().includes(secure), 'without audience: the refused request\'s');
    assert.match(minimal.data.scope, /read:secrets/);

    const again = await tokenRequest(tenant, { grant_type: 'refresh_token', client_id: spa, refresh_token: tokens.data.refresh_token, audience: secure, scope: SCOPE });
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(decodeJwt(again.data.access_token).amr, ['mfa']);
    const used = await verify(OTP, token, { otp: totp(carolSecret()) });
    assert.deepEqual([used.status, used.data.error], [403, 'invalid_grant'], 'an mfa_token works once');
  });

  it('email out of band: the challenge puts a binding code in the outbox; mfa-oob with it gives tokens', async () => {
    const { refresh } = await stepUp('carol');
    const token = refresh.data.mfa_token;
    const challenge = await mfaApi('POST', 'challenge', { body: { mfa_token: token, client_id: spa, challenge_type: 'oob' } });
    assert.equal(challenge.status, 200);
    assert.equal(challenge.data.binding_method, 'prompt');
    const [message] = tenant.control.mfaOutbox({ to: 'carol@example.com' });
    assert.match(message.code, /^\d{6}$/);
    const wrong = await verify(OOB, token, { oob_code: challenge.data.oob_code, binding_code: message.code === '000000' ? '111111' : '000000' });
    assert.deepEqual([wrong.status, wrong.data.error], [403, 'invalid_grant']);
    const tokens = await verify(OOB, token, { oob_code: challenge.data.oob_code, binding_code: message.code });
    assert.equal(tokens.status, 200, tokens.text);
    assert.deepEqual(decodeJwt(tokens.data.access_token).amr, ['mfa']);
  });

  it('a recovery code gives tokens and a new recovery code; the old one no longer works', async () => {
    const code = tenant.control.mfaUser('carol').authenticators.find((a) => a.type === 'recovery-code').code;
    const first = await stepUp('carol');
    const tokens = await verify(RECOVERY, first.refresh.data.mfa_token, { recovery_code: code });
    assert.equal(tokens.status, 200, tokens.text);
    assert.match(tokens.data.recovery_code, /^[0-9A-F]{24}$/);
    assert.notEqual(tokens.data.recovery_code, code);
    const second = await stepUp('carol');
    const old = await verify(RECOVERY, second.refresh.data.mfa_token, { recovery_code: code });
    assert.deepEqual([old.status, old.data.error], [403, 'invalid_grant']);
  });

  it('dave enrolls an authenticator app: associate gives a secret, an otpauth URI and a recovery code; the first code activates it', async () => {
    const { refresh } = await stepUp('dave');
    const token = refresh.data.mfa_token;
    assert.deepEqual((await mfaApi('GET', 'authenticators', { token })).data, []);
    const enrolled = await mfaApi('POST', 'associate', { token, body: { authenticator_types: ['otp'] } });
    assert.equal(enrolled.status, 200, JSON.stringify(enrolled.data));
    assert.equal(enrolled.data.authenticator_type, 'otp');
    assert.match(enrolled.data.barcode_uri, /^otpauth:\/\/totp\/.*secret=/);
    assert.equal(enrolled.data.recovery_codes.length, 1);
    const pending = (await mfaApi('GET', 'authenticators', { token })).data;
    assert.deepEqual(pending.map((a) => [a.authenticator_type, a.active]), [['otp', false], ['recovery-code', false]]);
    const tokens = await verify(OTP, token, { otp: totp(enrolled.data.secret) });
    assert.equal(tokens.status, 200, tokens.text);
    const next = await stepUp('dave');
    assert.deepEqual(next.refresh.data.mfa_requirements, { challenge: [{ type: 'otp' }, { type: 'recovery-code' }] });
    const again = await mfaApi('POST', 'associate', { token: next.refresh.data.mfa_token, body: { authenticator_types: ['otp'] } });
    assert.deepEqual([again.status, again.data.error], [403, 'access_denied'], 'an enrolled user cannot associate with an mfa_token');
    const removed = await mfaApi('DELETE', `authenticators/${encodeURIComponent(enrolled.data.id)}`, { token: next.refresh.data.mfa_token });
    assert.equal(removed.status, 204);
  });

  it('dave enrolls email: the associate answer has an oob_code and the outbox the binding code', async () => {
    const { refresh } = await stepUp('dave');
    const token = refresh.data.mfa_token;
    const enrolled = await mfaApi('POST', 'associate', { token, body: { authenticator_types: ['oob'], oob_channels: ['email'] } });
    assert.equal(enrolled.status, 200, JSON.stringify(enrolled.data));
    assert.deepEqual([enrolled.data.authenticator_type, enrolled.data.oob_channel, enrolled.data.binding_method], ['oob', 'email', 'prompt']);
    const [message] = tenant.control.mfaOutbox({ to: 'dave@example.com' });
    const tokens = await verify(OOB, token, { oob_code: enrolled.data.oob_code, binding_code: message.code });
    assert.equal(tokens.status, 200, tokens.text);
  });
});

describe('tenant: MFA failures', () => {
  it('a wrong code is invalid_grant and leaves the mfa_token usable', async () => {
    const { refresh } = await stepUp('carol');
    const token = refresh.data.mfa_token;
    const right = totp(carolSecret());
    const wrong = await verify(OTP, token, { otp: right === '123456' ? '654321' : '123456' });
    assert.deepEqual([wrong.status, wrong.data.error, wrong.data.error_description], [403, 'invalid_grant', 'Invalid otp_code.']);
    const tokens = await verify(OTP, token, { otp: totp(carolSecret()) });
    assert.equal(tokens.status, 200, tokens.text);
  });

  it('an expired mfa_token is expired_token everywhere; an unknown one is invalid_grant / 401', async () => {
    const { refresh } = await stepUp('carol');
    const token = refresh.data.mfa_token;
    tenant.control.expireMfaTokens();
    const tokens = await verify(OTP, token, { otp: totp(carolSecret()) });
    assert.deepEqual([tokens.status, tokens.data.error], [403, 'expired_token']);
    const listed = await mfaApi('GET', 'authenticators', { token });
    assert.deepEqual([listed.status, listed.data.error], [401, 'expired_token']);
    const challenge = await mfaApi('POST', 'challenge', { body: { mfa_token: token, client_id: spa, challenge_type: 'otp' } });
    assert.deepEqual([challenge.status, challenge.data.error], [403, 'expired_token']);
    const unknown = await mfaApi('GET', 'authenticators', { token: 'not-a-token' });
    assert.deepEqual([unknown.status, unknown.data.error], [401, 'invalid_grant']);
    const none = await mfaApi('GET', 'authenticators');
    assert.equal(none.status, 401);
  });

  it('after 10 wrong codes even the right one is refused with 429 too_many_attempts', async () => {
    const { refresh } = await stepUp('carol');
    const token = refresh.data.mfa_token;
    for (let i = 0; i < 10; i++) {
      const right = totp(carolSecret());
      const wrong = await verify(OTP, token, { otp: right === '000000' ? '999999' : '000000' });
      assert.equal(wrong.status, 403, `attempt ${i + 1}: ${wrong.text}`);
    }
    const blocked = await verify(OTP, token, { otp: totp(carolSecret()) });
    assert.deepEqual([blocked.status, blocked.data.error], [429, 'too_many_attempts']);
  });

  it('bad requests: another client, an unknown challenge type, a missing code, an unsupported enrollment', async () => {
    const { refresh } = await stepUp('carol');
    const token = refresh.data.mfa_token;
    const other = await mfaApi('POST', 'challenge', { body: { mfa_token: token, client_id: 'someone-else', challenge_type: 'otp' } });
    assert.deepEqual([other.status, other.data.error], [401, 'invalid_client']);
    const kind = await mfaApi('POST', 'challenge', { body: { mfa_token: token, client_id: spa, challenge_type: 'push' } });
    assert.deepEqual([kind.status, kind.data.error], [400, 'unsupported_challenge_type']);
    const missing = await verify(OTP, token, {});
    assert.deepEqual([missing.status, missing.data.error], [400, 'invalid_request']);
    const dave = await stepUp('dave');
    const sms = await mfaApi('POST', 'associate', { token: dave.refresh.data.mfa_token, body: { authenticator_types: ['oob'], oob_channels: ['sms'] } });
    assert.deepEqual([sms.status, sms.data.error], [400, 'unsupported_challenge_type']);
  });
});

describe('tenant: Universal Login\'s MFA step', () => {
  const params = (extra = {}) => ({ audience: secure, scope: 'openid profile email offline_access read:secrets', ...extra });

  it('after the password, carol gets the code page; a wrong code stays there, the app\'s code gives a code whose tokens have amr mfa', async () => {
    const browser = new Browser(tenant.domain);
    const flow = await authorize(browser, tenant, { user: 'carol', params: params() });
    assert.match(flow.url.pathname, /^\/u\/login\//, 'the MFA page, not the app');
    assert.match(flow.html, /name="code"/);
    const wrong = await browser.navigate(flow.url.pathname, { method: 'POST', form: { code: totp(carolSecret()) === '000000' ? '111111' : '000000' } });
    assert.equal(wrong.response.status, 401);
    assert.match(wrong.html, /not valid/);
    const done = await browser.navigate(flow.url.pathname, { method: 'POST', form: { code: totp(carolSecret()) } });
    const code = done.url.searchParams.get('code');
    assert.ok(code, `back to the app with a code: ${done.url}`);
    const tokens = await tokenRequest(tenant, { grant_type: 'authorization_code', client_id: spa, code, code_verifier: flow.tx.verifier, redirect_uri: flow.tx.redirectUri });
    assert.equal(tokens.status, 200, tokens.text);
    assert.deepEqual(decodeJwt(tokens.data.access_token).amr, ['mfa']);
    const refresh = await tokenRequest(tenant, { grant_type: 'refresh_token', client_id: spa, refresh_token: tokens.data.refresh_token, audience: secure, scope: SCOPE });
    assert.equal(refresh.status, 200, 'the grant passed MFA: no mfa_required on refresh');
  });

  it('prompt=none for the step-up API without MFA in the session: login_required "Multifactor authentication required"; other APIs and alice need no step', async () => {
    const browser = new Browser(tenant.domain);
    const first = await authorize(browser, tenant, { user: 'carol', params: { audience: tenant.info.apis.default } });
    assert.ok(first.params.get('code'), 'no MFA for the default API');
    const silent = await authorize(browser, tenant, { user: null, params: params({ prompt: 'none' }) });
    assert.equal(silent.params.get('error'), 'login_required');
    assert.equal(silent.params.get('error_description'), 'Multifactor authentication required');
    const alice = await authorize(new Browser(tenant.domain), tenant, { user: 'alice', params: params() });
    assert.ok(alice.params.get('code'), 'alice has no MFA policy');
  });
});
