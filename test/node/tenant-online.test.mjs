// Online refresh tokens at the local tenant (`online_access`, the SPA SDK's refreshTokenMode
// 'online'): issued only to a DPoP-bound token request, bound to the proof's key and to the tenant
// session, never rotated (the refresh answer carries none), refused once the session has ended.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { startTenant } from '../../demo/tenant/index.js';
import { APP_ORIGIN, Browser, authorize, tokenRequest } from '../support/tenant-flow.mjs';

/** @type {Awaited<ReturnType<typeof startTenant>>} */
let tenant;
let spa;

before(async () => {
  tenant = await startTenant({ appOrigins: [APP_ORIGIN], quiet: true });
  spa = tenant.info.clients.spa.clientId;
});
after(() => tenant.close());

async function dpopKey() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { privateKey, jwk: await exportJWK(publicKey) };
}

/** @see RFC 9449 §4.2 */
const proof = (key) =>
  new SignJWT({ htm: 'POST', htu: `${tenant.issuer}oauth/token`, jti: randomUUID() })
    .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: key.jwk })
    .setIssuedAt()
    .sign(key.privateKey);

/** A login asking for `online_access`; the code exchanged with `headers`. */
async function onlineLogin(headers = {}) {
  const flow = await authorize(new Browser(tenant.domain), tenant, { params: { scope: 'openid profile email online_access' } });
  const body = { grant_type: 'authorization_code', client_id: spa, code: flow.params.get('code'), code_verifier: flow.tx.verifier, redirect_uri: flow.tx.redirectUri };
  return tokenRequest(tenant, body, { headers: { origin: APP_ORIGIN, ...headers } });
}

describe('tenant: online refresh tokens (online_access)', { timeout: 60_000 }, () => {
  it('without DPoP: no refresh token, and online_access is not echoed in scope', async () => {
    const tokens = await onlineLogin();
    assert.equal(tokens.status, 200, tokens.text);
    assert.equal(tokens.data.refresh_token, undefined);
    assert.equal(tokens.data.scope.split(' ').includes('online_access'), false);
  });

  it('with DPoP: bound to the key, never rotated (no refresh_token in the refresh answer), refused without the key', async () => {
    const key = await dpopKey();
    const tokens = await onlineLogin({ dpop: await proof(key) });
    assert.equal(tokens.status, 200, tokens.text);
    assert.equal(typeof tokens.data.refresh_token, 'string');
    assert.equal(tokens.data.scope.split(' ').includes('online_access'), false);
    const refresh = { grant_type: 'refresh_token', client_id: spa, refresh_token: tokens.data.refresh_token };
    for (let i = 0; i < 2; i++) {
      const renewed = await tokenRequest(tenant, refresh, { headers: { dpop: await proof(key) } });
      assert.equal(renewed.status, 200, renewed.text);
      assert.equal(renewed.data.token_type, 'DPoP');
      assert.equal(renewed.data.refresh_token, undefined, 'not rotated: the same token keeps working');
    }
    const unbound = await tokenRequest(tenant, refresh);
    assert.equal(unbound.data.error, 'invalid_grant');
    const otherKey = await tokenRequest(tenant, refresh, { headers: { dpop: await proof(await dpopKey()) } });
    assert.equal(otherKey.data.error, 'invalid_grant');
  });

  it('revoking it ends the tenant session (a silent login then needs a login)', async () => {
    const key = await dpopKey();
    const browser = new Browser(tenant.domain);
    const flow = await authorize(browser, tenant, { params: { scope: 'openid online_access' } });
    const body = { grant_type: 'authorization_code', client_id: spa, code: flow.params.get('code'), code_verifier: flow.tx.verifier, redirect_uri: flow.tx.redirectUri };
    const tokens = await tokenRequest(tenant, body, { headers: { dpop: await proof(key) } });
    assert.equal(typeof tokens.data.refresh_token, 'string', tokens.text);
    const silent = () => authorize(browser, tenant, { user: null, params: { scope: 'openid', prompt: 'none' } });
    assert.equal((await silent()).params.get('code')?.length > 0, true, 'the session answers prompt=none');
    const response = await fetch(`${tenant.issuer}oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP_ORIGIN },
      body: new URLSearchParams({ client_id: spa, token: tokens.data.refresh_token }),
    });
    assert.equal(response.status, 200);
    assert.equal((await silent()).params.get('error'), 'login_required');
  });

  it('refused once the tenant session has ended (the browser parity test logs out at /v2/logout)', async () => {
    const key = await dpopKey();
    const online = await onlineLogin({ dpop: await proof(key) });
    assert.equal(typeof online.data.refresh_token, 'string', online.text);
    tenant.control.endAllSessions();
    const refused = await tokenRequest(tenant, { grant_type: 'refresh_token', client_id: spa, refresh_token: online.data.refresh_token }, { headers: { dpop: await proof(key) } });
    assert.equal(refused.status, 400);
    assert.equal(refused.data.error, 'invalid_grant');
  });
});
