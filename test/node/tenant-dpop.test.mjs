// DPoP at the local tenant (RFC 9449): bound tokens, dpop_jkt at /authorize, nonces required and
// rotated on demand, CORS exposure of DPoP-Nonce. Proofs are made here with jose, as a client would.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { calculateJwkThumbprint, decodeJwt, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { startTenant } from '../../demo/tenant/index.js';
import { APP_ORIGIN, Browser, authorize, tokenRequest } from '../support/tenant-flow.mjs';

/** @type {Awaited<ReturnType<typeof startTenant>>} */
let tenant;
let spa;
let api;

before(async () => {
  tenant = await startTenant({ appOrigins: [APP_ORIGIN], quiet: true });
  spa = tenant.info.clients.spa.clientId;
  api = tenant.info.apis.default;
});
after(() => tenant.close());

async function dpopKey() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  return { privateKey, jwk, jkt: await calculateJwkThumbprint(jwk) };
}

/** @see RFC 9449 §4.2 */
function proof(key, { htm = 'POST', htu = `${tenant.issuer}oauth/token`, nonce, jti = randomUUID() } = {}) {
  return new SignJWT({ htm, htu, jti, ...(nonce && { nonce }) })
    .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: key.jwk })
    .setIssuedAt()
    .sign(key.privateKey);
}

async function codeFor(params = {}) {
  const flow = await authorize(new Browser(tenant.domain), tenant, {
    params: { audience: api, scope: 'openid profile offline_access read:messages', ...params },
  });
  return {
    grant_type: 'authorization_code', client_id: spa, code: flow.params.get('code'),
    code_verifier: flow.tx.verifier, redirect_uri: flow.tx.redirectUri,
  };
}

describe('tenant: DPoP', () => {
  it('binds access and refresh tokens to the proof key (token_type DPoP, cnf.jkt)', async () => {
    const key = await dpopKey();
    const sent = await proof(key);
    const tokens = await tokenRequest(tenant, await codeFor(), { headers: { dpop: sent, origin: APP_ORIGIN } });
    assert.equal(tokens.status, 200, tokens.text);
    assert.equal(tenant.control.tokenRequests().at(-1).dpop, sent, 'the request log keeps the proof as received');
    assert.equal(tokens.data.token_type, 'DPoP');
    assert.deepEqual(decodeJwt(tokens.data.access_token).cnf, { jkt: key.jkt });
    assert.ok(tokens.headers.get('dpop-nonce'), 'a nonce comes with every DPoP answer');
    assert.match(tokens.headers.get('access-control-expose-headers') ?? '', /DPoP-Nonce/i);

    const refresh = { grant_type: 'refresh_token', client_id: spa, refresh_token: tokens.data.refresh_token };
    const unbound = await tokenRequest(tenant, refresh);
    assert.equal(unbound.data.error, 'invalid_grant', 'the refresh token needs its key');
    const other = await tokenRequest(tenant, refresh, { headers: { dpop: await proof(await dpopKey()) } });
    assert.equal(other.data.error, 'invalid_grant');
    const bound = await tokenRequest(tenant, refresh, { headers: { dpop: await proof(key) } });
    assert.equal(bound.status, 200, bound.text);
    assert.equal(bound.data.token_type, 'DPoP');
    assert.deepEqual(decodeJwt(bound.data.access_token).cnf, { jkt: key.jkt });
  });

  it('binds the code to dpop_jkt from /authorize', async () => {
    const key = await dpopKey();
    const body = await codeFor({ dpop_jkt: key.jkt });
    const wrongKey = await tokenRequest(tenant, body, { headers: { dpop: await proof(await dpopKey()) } });
    assert.equal(wrongKey.data.error, 'invalid_grant');

    const body2 = await codeFor({ dpop_jkt: key.jkt });
    const noProof = await tokenRequest(tenant, body2);
    assert.equal(noProof.status, 400, 'a code bound to a key needs a proof');
    const body3 = await codeFor({ dpop_jkt: key.jkt });
    const ok = await tokenRequest(tenant, body3, { headers: { dpop: await proof(key) } });
    assert.equal(ok.status, 200, ok.text);
  });

  it('refuses a malformed proof and a replayed one', async () => {
    const key = await dpopKey();
    const wrongHtu = await tokenRequest(tenant, await codeFor(), { headers: { dpop: await proof(key, { htu: 'https://elsewhere.example/token' }) } });
    assert.equal(wrongHtu.data.error, 'invalid_dpop_proof');
    const once = await proof(key);
    assert.equal((await tokenRequest(tenant, await codeFor(), { headers: { dpop: once } })).status, 200);
    const replay = await tokenRequest(tenant, await codeFor(), { headers: { dpop: once } });
    assert.equal(replay.status, 400);
    assert.equal(replay.data.error, 'invalid_grant');
  });

  it('requireDpopNonce(true): use_dpop_nonce with a DPoP-Nonce header the app can read, then success', async () => {
    tenant.control.requireDpopNonce(true);
    try {
      const key = await dpopKey();
      const body = await codeFor();
      const first = await tokenRequest(tenant, body, { headers: { dpop: await proof(key), origin: APP_ORIGIN } });
      assert.equal(first.status, 400);
      assert.equal(first.data.error, 'use_dpop_nonce');
      const nonce = first.headers.get('dpop-nonce');
      assert.ok(nonce);
      assert.equal(first.headers.get('access-control-allow-origin'), APP_ORIGIN);
      assert.match(first.headers.get('access-control-expose-headers') ?? '', /DPoP-Nonce/i);
      const second = await tokenRequest(tenant, body, { headers: { dpop: await proof(key, { nonce }) } });
      assert.equal(second.status, 200, second.text);
      assert.equal(second.data.token_type, 'DPoP');
    } finally {
      tenant.control.requireDpopNonce(false);
    }
  });

  it('rotateDpopNonce(): a nonce handed out before no longer works; the answer carries the new one', async () => {
    tenant.control.requireDpopNonce(true);
    try {
      const key = await dpopKey();
      const nonce = (await tokenRequest(tenant, await codeFor(), { headers: { dpop: await proof(key) } })).headers.get('dpop-nonce');
      tenant.control.rotateDpopNonce();
      const body = await codeFor();
      const stale = await tokenRequest(tenant, body, { headers: { dpop: await proof(key, { nonce }) } });
      assert.equal(stale.data.error, 'use_dpop_nonce');
      const fresh = stale.headers.get('dpop-nonce');
      assert.ok(fresh);
      assert.notEqual(fresh, nonce);
      const ok = await tokenRequest(tenant, body, { headers: { dpop: await proof(key, { nonce: fresh }) } });
      assert.equal(ok.status, 200, ok.text);
    } finally {
      tenant.control.requireDpopNonce(false);
    }
  });

  it('serves /userinfo to a DPoP-bound token with a proof for it', async () => {
    const key = await dpopKey();
    const flow = await authorize(new Browser(tenant.domain), tenant);
    const tokens = await tokenRequest(tenant, {
      grant_type: 'authorization_code', client_id: spa, code: flow.params.get('code'),
      code_verifier: flow.tx.verifier, redirect_uri: flow.tx.redirectUri,
    }, { headers: { dpop: await proof(key) } });
    const ath = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(tokens.data.access_token))).toString('base64url');
    const userinfoProof = await new SignJWT({ htm: 'GET', htu: `${tenant.issuer}userinfo`, jti: randomUUID(), ath })
      .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: key.jwk }).setIssuedAt().sign(key.privateKey);
    const response = await fetch(`${tenant.issuer}userinfo`, {
      headers: { authorization: `DPoP ${tokens.data.access_token}`, dpop: userinfoProof },
    });
    assert.equal(response.status, 200);
    assert.equal((await response.json()).sub, 'auth0|alice');
    const bearer = await fetch(`${tenant.issuer}userinfo`, { headers: { authorization: `Bearer ${tokens.data.access_token}` } });
    assert.equal(bearer.status, 401);
  });

  it('serves /userinfo to a DPoP-bound API token (aud: the API and <issuer>userinfo) with a fresh proof only', async () => {
    const key = await dpopKey();
    const flow = await authorize(new Browser(tenant.domain), tenant, { params: { audience: api, scope: 'openid email read:messages' } });
    const tokens = await tokenRequest(tenant, {
      grant_type: 'authorization_code', client_id: spa, code: flow.params.get('code'),
      code_verifier: flow.tx.verifier, redirect_uri: flow.tx.redirectUri,
    }, { headers: { dpop: await proof(key) } });
    assert.equal(tokens.status, 200, tokens.text);
    const claims = decodeJwt(tokens.data.access_token);
    assert.deepEqual(claims.aud, [api, `${tenant.issuer}userinfo`]);
    assert.equal(claims.cnf.jkt, key.jkt);
    const ath = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(tokens.data.access_token))).toString('base64url');
    const userinfoProof = await new SignJWT({ htm: 'GET', htu: `${tenant.issuer}userinfo`, jti: randomUUID(), ath })
      .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: key.jwk }).setIssuedAt().sign(key.privateKey);
    const call = (headers) => fetch(`${tenant.issuer}userinfo`, { headers });
    const response = await call({ authorization: `DPoP ${tokens.data.access_token}`, dpop: userinfoProof });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { sub: 'auth0|alice', email: 'alice@example.com', email_verified: true });
    const replayed = await call({ authorization: `DPoP ${tokens.data.access_token}`, dpop: userinfoProof });
    assert.equal(replayed.status, 401);
    assert.match(replayed.headers.get('www-authenticate'), /^DPoP error="invalid_token"/);
    assert.equal((await call({ authorization: `Bearer ${tokens.data.access_token}` })).status, 401);
  });
});
