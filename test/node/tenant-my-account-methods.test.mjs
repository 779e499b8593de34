// The My Account API's factors and authentication methods at the local tenant: DPoP-bound
// tokens for `<issuer>me/` with each route's scope, list / get / rename / delete, TOTP, email and
// recovery-code enrollment with their verification, problem details for every refusal, and the
// methods living in the MFA store (a TOTP app enrolled here answers an MFA challenge).
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { Secret, TOTP } from 'otpauth';
import { startTenant } from '../../demo/tenant/index.js';
import { APP_ORIGIN, Browser, login, tokenRequest } from '../support/tenant-flow.mjs';

const SCOPES = 'read:me:factors read:me:authentication_methods create:me:authentication_methods update:me:authentication_methods delete:me:authentication_methods';

/** @type {Awaited<ReturnType<typeof startTenant>>} */
let tenant;

before(async () => {
  tenant = await startTenant({ appOrigins: [APP_ORIGIN], quiet: true });
});
after(() => tenant.close());
beforeEach(() => {
  tenant.control.resetMfa();
  tenant.control.resetMyAccount();
});

async function dpopKey() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  return {
    jkt: await calculateJwkThumbprint(jwk),
    /** @see RFC 9449 §4.2 */
    proof(htm, htu, accessToken) {
      const ath = accessToken && createHash('sha256').update(accessToken).digest('base64url');
      return new SignJWT({ htm, htu, jti: randomUUID(), ...(ath && { ath }) })
        .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk }).setIssuedAt().sign(privateKey);
    },
  };
}

/** A user's DPoP-bound My Account token with `scope` (login, then an MRRT refresh). */
async function session(user = 'dave', scope = SCOPES) {
  const key = await dpopKey();
  const tokenUrl = `${tenant.issuer}oauth/token`;
  const tokens = await login(new Browser(tenant.domain), tenant, {
    user,
    params: { audience: tenant.info.apis.default, scope: 'openid profile email offline_access' },
    tokenHeaders: { dpop: await key.proof('POST', tokenUrl) },
  });
  assert.equal(tokens.status, 200, tokens.text);
  const mine = await tokenRequest(tenant, {
    grant_type: 'refresh_token', client_id: tenant.info.clients.spa.clientId, refresh_token: tokens.data.refresh_token,
    audience: tenant.info.apis.myAccount, scope: `openid ${scope}`,
  }, { json: true, headers: { dpop: await key.proof('POST', tokenUrl) } });
  assert.equal(mine.status, 200, mine.text);
  return { key, token: mine.data.access_token, refreshToken: mine.data.refresh_token };
}

/** A call to `<issuer>me/v1/<path>` (or an absolute URL) with a fresh proof. */
async function me(s, method, path, body, { scheme = 'DPoP', proof = true } = {}) {
  const url = path.startsWith('http') ? path : `${tenant.issuer}me/v1/${path}`;
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `${scheme} ${s.token}`,
      ...(proof && { dpop: await s.key.proof(method, url.split('?')[0], s.token) }),
      ...(body && { 'content-type': 'application/json' }),
      origin: APP_ORIGIN,
    },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, data: text ? JSON.parse(text) : undefined };
}

const totp = (secret) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();

describe('tenant: My Account API, factors and authentication methods', { timeout: 120_000 }, () => {
  it('lists the factors the tenant enrolls and carol\'s methods (no secrets), one by id, and by type', async () => {
    const s = await session('carol');
    const factors = await me(s, 'GET', 'factors');
    assert.equal(factors.status, 200);
    assert.deepEqual(factors.data, { factors: [{ type: 'totp', usage: ['secondary'] }, { type: 'email', usage: ['secondary'] }, { type: 'recovery-code', usage: ['secondary'] }] });
    const list = await me(s, 'GET', 'authentication-methods');
    assert.equal(list.status, 200);
    assert.deepEqual(list.data.authentication_methods.map((m) => [m.id, m.type, m.confirmed, m.name, m.email]), [
      ['totp|dev_carol0000totp', 'totp', true, 'Authenticator app', undefined],
      ['email|dev_carol000email', 'email', true, 'carol@example.com', 'carol@example.com'],
      ['recovery-code|dev_carol00000rc', 'recovery-code', true, undefined, undefined],
    ]);
    assert.doesNotMatch(JSON.stringify(list.data), /KVKFKRCP|CAROLRECOVERY/, 'no secret or code in the list');
    const one = await me(s, 'GET', `authentication-methods/${encodeURIComponent('totp|dev_carol0000totp')}`);
    assert.deepEqual(one.data, list.data.authentication_methods[0]);
    const emails = await me(s, 'GET', 'authentication-methods?type=email');
    assert.deepEqual(emails.data.authentication_methods.map((m) => m.id), ['email|dev_carol000email']);
  });

  it('enrolls an authenticator app: 201 with Location, the otpauth URI and secret; a wrong code refused; the right one confirms it; it answers an MFA challenge', async () => {
    const s = await session('dave');
    const started = await me(s, 'POST', 'authentication-methods', { type: 'totp' });
    assert.equal(started.status, 201, JSON.stringify(started.data));
    const location = started.headers.get('location');
    assert.match(location, new RegExp(`^${tenant.issuer}me/v1/authentication-methods/totp%7Cdev_[0-9a-f]{16}$`));
    assert.equal(started.headers.get('access-control-expose-headers')?.includes('Location'), true);
    assert.equal(started.data.type, 'totp');
    assert.match(started.data.barcode_uri, /^otpauth:\/\/totp\/.*secret=/);
    assert.equal(new URL(started.data.barcode_uri).searchParams.get('secret'), started.data.manual_input_code);
    assert.equal((await me(s, 'GET', 'authentication-methods')).data.authentication_methods.length, 0, 'pending methods are not listed');

    const wrong = await me(s, 'POST', `${location}/verify`, { auth_session: started.data.auth_session, otp_code: '000000' === totp(started.data.manual_input_code) ? '111111' : '000000' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.headers.get('content-type'), 'application/problem+json');
    assert.deepEqual({ ...wrong.data, validation_errors: undefined }, { type: 'invalid_otp_code', status: 400, title: 'Bad Request', detail: 'the code is not valid', validation_errors: undefined });
    const badSession = await me(s, 'POST', `${location}/verify`, { auth_session: 'nope', otp_code: totp(started.data.manual_input_code) });
    assert.equal(badSession.data.type, 'invalid_auth_session');

    const verified = await me(s, 'POST', `${location}/verify`, { auth_session: started.data.auth_session, otp_code: totp(started.data.manual_input_code) });
    assert.equal(verified.status, 200, JSON.stringify(verified.data));
    assert.equal(verified.data.type, 'totp');
    assert.equal(verified.data.confirmed, true);
    assert.equal(decodeURIComponent(location.split('/').pop()), verified.data.id);
    const again = await me(s, 'POST', `${location}/verify`, { auth_session: started.data.auth_session, otp_code: totp(started.data.manual_input_code) });
    assert.equal(again.status, 404, 'an enrollment verifies once');

    assert.deepEqual((await me(s, 'GET', 'authentication-methods')).data.authentication_methods.map((m) => m.id), [verified.data.id]);

    // The MFA store has it: dave's step-up now asks for a challenge, which the new app's code answers.
    const tokenUrl = `${tenant.issuer}oauth/token`;
    const clientId = tenant.info.clients.spa.clientId;
    const stepUp = await tokenRequest(tenant, {
      grant_type: 'refresh_token', client_id: clientId, refresh_token: s.refreshToken, audience: tenant.info.apis.secure, scope: 'openid read:secrets',
    }, { json: true, headers: { dpop: await s.key.proof('POST', tokenUrl) } });
    assert.equal(stepUp.status, 403, stepUp.text);
    assert.deepEqual([stepUp.data.error, stepUp.data.mfa_requirements], ['mfa_required', { challenge: [{ type: 'otp' }] }]);
    const passed = await tokenRequest(tenant, {
      grant_type: 'http://auth0.com/oauth/grant-type/mfa-otp', client_id: clientId, mfa_token: stepUp.data.mfa_token, otp: totp(started.data.manual_input_code),
    }, { json: true, headers: { dpop: await s.key.proof('POST', tokenUrl) } });
    assert.equal(passed.status, 200, passed.text);
  });

  it('enrolls an email factor (the code in the outbox) and a recovery code (409 when there is one)', async () => {
    const s = await session('dave');
    const bad = await me(s, 'POST', 'authentication-methods', { type: 'email', email: 'not an email' });
    assert.equal(bad.status, 400);
    assert.equal(bad.data.validation_errors[0].field, 'email');
    const started = await me(s, 'POST', 'authentication-methods', { type: 'email', email: 'dave.backup@example.com' });
    assert.equal(started.status, 201);
    const [message] = tenant.control.mfaOutbox({ to: 'dave.backup@example.com' });
    const verified = await me(s, 'POST', `${started.headers.get('location')}/verify`, { auth_session: started.data.auth_session, otp_code: message.code });
    assert.equal(verified.status, 200);
    assert.deepEqual([verified.data.type, verified.data.email], ['email', 'dave.backup@example.com']);

    const rc = await me(s, 'POST', 'authentication-methods', { type: 'recovery-code' });
    assert.equal(rc.status, 201);
    assert.match(rc.data.recovery_code, /^[0-9A-F]{24}$/);
    const confirmed = await me(s, 'POST', `${rc.headers.get('location')}/verify`, { auth_session: rc.data.auth_session });
    assert.equal(confirmed.data.type, 'recovery-code');
    const second = await me(s, 'POST', 'authentication-methods', { type: 'recovery-code' });
    assert.equal(second.status, 409);
    const unknown = await me(s, 'POST', 'authentication-methods', { type: 'phone', phone_number: '+15555550100' });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.data.validation_errors[0].field, 'type');
  });

  it('renames and deletes; unknown ids are 404; a recovery code has no name', async () => {
    const s = await session('carol');
    const id = encodeURIComponent('totp|dev_carol0000totp');
    const renamed = await me(s, 'PATCH', `authentication-methods/${id}`, { name: 'Work phone' });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.data.name, 'Work phone');
    const email = await me(s, 'PATCH', `authentication-methods/${encodeURIComponent('email|dev_carol000email')}`, { name: 'Personal' });
    assert.deepEqual([email.data.name, email.data.email], ['Personal', 'carol@example.com']);
    assert.equal((await me(s, 'PATCH', `authentication-methods/${encodeURIComponent('recovery-code|dev_carol00000rc')}`, { name: 'x' })).status, 400);
    assert.equal((await me(s, 'PATCH', `authentication-methods/${id}`, { name: '' })).status, 400);
    assert.equal((await me(s, 'GET', 'authentication-methods/totp%7Cnope')).status, 404);
    assert.equal((await me(s, 'PATCH', 'authentication-methods/totp%7Cnope', { name: 'x' })).status, 404);
    const removed = await me(s, 'DELETE', `authentication-methods/${id}`);
    assert.equal(removed.status, 204);
    assert.equal((await me(s, 'DELETE', `authentication-methods/${id}`)).status, 404);
    assert.deepEqual((await me(s, 'GET', 'authentication-methods')).data.authentication_methods.map((m) => m.type), ['email', 'recovery-code']);
    assert.deepEqual(tenant.control.mfaOutbox(), []);
  });

  it('refuses Bearer tokens, a missing scope, and tokens the expiry switch expired, with WWW-Authenticate and problem details', async () => {
    const s = await session('carol', 'read:me:factors');
    const bearer = await me(s, 'GET', 'factors', undefined, { scheme: 'Bearer', proof: false });
    assert.equal(bearer.status, 401);
    assert.equal(bearer.data.type, 'invalid_token');
    assert.match(bearer.headers.get('www-authenticate'), /^DPoP /);
    const scope = await me(s, 'GET', 'authentication-methods');
    assert.deepEqual([scope.status, scope.data.type], [403, 'insufficient_scope']);
    assert.equal((await me(s, 'GET', 'factors')).status, 200);
    tenant.control.expireMyAccountTokens();
    const expired = await me(s, 'GET', 'factors');
    assert.deepEqual([expired.status, expired.data.type, expired.data.detail], [401, 'invalid_token', 'the access token is expired']);
  });

  it('the my-account fault target: a 500 as problem details', async () => {
    const s = await session('carol');
    tenant.control.fault('my-account', '500');
    const failed = await me(s, 'GET', 'authentication-methods');
    assert.deepEqual(failed.data, { type: 'server_error', status: 500, title: 'Internal Server Error', detail: 'The tenant failed on purpose (test fault).' });
    assert.equal((await me(s, 'GET', 'authentication-methods')).status, 200);
  });
});
