// The server entry and the demo API against the real local tenant (demo/tenant): tokens from a
// scripted login, JWKS faults from the tenant's own switches, DPoP-bound tokens end to end.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDemoApi } from '../../demo/api/index.js';
import { startTenant } from '../../demo/tenant/index.js';
import {
  ApiClient,
  InsufficientScopeError,
  InvalidTokenError,
  NetworkError,
  TimeoutError,
  TokenForConnectionError,
} from '../../lib/src/server/index.js';
import { APP_ORIGIN, authorize, Browser, login, tokenRequest } from '../support/tenant-flow.mjs';
import { createDpopKey } from './server-fixtures.mjs';

let tenant;
let audience;

before(async () => {
  tenant = await startTenant({ quiet: true, appOrigins: [APP_ORIGIN] });
  audience = tenant.info.apis.default;
});
after(() => tenant?.close());

/** Alice's access token for `api` with `scope`, from a real authorization-code + PKCE login. */
async function userToken({ api = audience, scope = 'read:messages' } = {}) {
  const result = await login(new Browser(tenant.domain), tenant, {
    params: { audience: api, scope: `openid profile email ${scope}` },
  });
  assert.equal(result.status, 200, result.text);
  return result.data.access_token;
}

describe('against the local tenant', { timeout: 60_000 }, () => {
  test('a user token verifies: sub, aud, scope; requiredScopes enforced', async () => {
    const api = new ApiClient({ domain: tenant.domain, audience });
    const token = await userToken();
    const claims = await api.verifyAccessToken({ token, requiredScopes: 'read:messages' });
    assert.equal(claims.sub, tenant.info.users.alice.sub);
    assert.equal(claims.iss, tenant.issuer);
    assert.equal(claims.token_type, 'Bearer');
    await assert.rejects(api.verifyAccessToken({ token, requiredScopes: 'write:messages' }), InsufficientScopeError);
  });

  test("a user token for the API also names <issuer>userinfo in aud (as Auth0's): verifies for the API, is refused by another", async () => {
    const token = await userToken();
    const claims = await new ApiClient({ domain: tenant.domain, audience }).verifyAccessToken({ token });
    assert.deepEqual(claims.aud, [audience, `${tenant.issuer}userinfo`]);
    const other = new ApiClient({ domain: tenant.domain, audience: tenant.info.apis.analytics });
    await assert.rejects(other.verifyAccessToken({ token }), (error) => error instanceof InvalidTokenError && /aud/.test(error.error_description));
  });

  test('a token for another API is invalid_token', async () => {
    const api = new ApiClient({ domain: tenant.domain, audience });
    const token = await userToken({ api: tenant.info.apis.analytics, scope: 'read:analytics' });
    await assert.rejects(api.verifyAccessToken({ token }), (error) => error instanceof InvalidTokenError && /aud/.test(error.error_description));
  });

  test('tokens signed before and after a key rotation both verify (JWKS selected by kid)', async () => {
    const before = await userToken();
    await tenant.control.rotateSigningKey();
    const after = await userToken();
    const kid = (token) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url')).kid;
    assert.notEqual(kid(before), kid(after));
    const api = new ApiClient({ domain: tenant.domain, audience });
    assert.equal((await api.verifyAccessToken({ token: before })).sub, 'auth0|alice');
    assert.equal((await api.verifyAccessToken({ token: after })).sub, 'auth0|alice');
  });

  test('a failing JWKS is a NetworkError; a hanging one a TimeoutError', async () => {
    const token = await userToken();
    try {
      tenant.control.fault('jwks', '500');
      await assert.rejects(new ApiClient({ domain: tenant.domain, audience }).verifyAccessToken({ token }), NetworkError);
      tenant.control.fault('jwks', 'hang');
      const slow = new ApiClient({ domain: tenant.domain, audience, httpTimeoutInSeconds: 0.5 });
      await assert.rejects(slow.verifyAccessToken({ token }), TimeoutError);
    } finally {
      tenant.control.clearFaults();
    }
  });

  test('the demo API serves a Bearer user token when DPoP is optional, and refuses it when required', async () => {
    const open = await startDemoApi({ domain: tenant.domain, audience, appOrigins: [APP_ORIGIN], requireDpop: false });
    const strict = await startDemoApi({ domain: tenant.domain, audience, appOrigins: [APP_ORIGIN] });
    try {
      const token = await userToken();
      const ok = await fetch(`${open.url}/api/messages`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(ok.status, 200);
      assert.equal((await ok.json()).user, 'auth0|alice');
      const refused = await fetch(`${strict.url}/api/messages`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(refused.status, 401);
      assert.match(refused.headers.get('www-authenticate'), /^DPoP /);
    } finally {
      await open.close();
      await strict.close();
    }
  });

  test('the federated-connection exchange reaches the tenant and its refusals come back typed', async (t) => {
    const { clientId, clientSecret } = tenant.info.clients.confidential;
    const api = new ApiClient({ domain: tenant.domain, audience, clientId, clientSecret });
    const token = await userToken();
    const error = await api.getAccessTokenForConnection({ connection: 'no-such-connection', accessToken: token }).then(
      () => assert.fail('an unknown connection must be refused'),
      (e) => e,
    );
    assert.ok(error instanceof TokenForConnectionError, error.name);
    if (error.error === 'unsupported_grant_type') return t.skip('the local tenant has no federated-connection grant yet');
    assert.ok(error.status >= 400 && error.status < 500);
    assert.ok(error.error_description);
  });
});

describe('DPoP end to end with the local tenant', { timeout: 60_000 }, () => {
  test("alice's DPoP-bound token from a real login passes the demo API with a fresh proof; a replay does not", async (t) => {
    const key = await createDpopKey();
    const tokenUrl = `${tenant.domain}/oauth/token`;
    const flow = await authorize(new Browser(tenant.domain), tenant, {
      params: { audience, scope: 'openid profile email read:messages', dpop_jkt: key.jkt },
    });
    const form = {
      grant_type: 'authorization_code',
      client_id: tenant.info.clients.spa.clientId,
      code: flow.params.get('code'),
      code_verifier: flow.tx.verifier,
      redirect_uri: flow.tx.redirectUri,
    };
    let response = await tokenRequest(tenant, form, { headers: { DPoP: await key.proof({ htm: 'POST', htu: tokenUrl }) } });
    const tenantNonce = response.headers.get('dpop-nonce');
    if (response.status === 400 && response.data?.error === 'use_dpop_nonce' && tenantNonce) {
      const proof = await key.proof({ htm: 'POST', htu: tokenUrl, overrides: { nonce: tenantNonce } });
      response = await tokenRequest(tenant, form, { headers: { DPoP: proof } });
    }
    assert.equal(response.status, 200, response.text);
    if (response.data.token_type !== 'DPoP') return t.skip('the local tenant does not issue DPoP-bound tokens yet');
    const token = response.data.access_token;
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url'));
    assert.equal(claims.cnf?.jkt, key.jkt);

    const api = await startDemoApi({ domain: tenant.domain, audience, appOrigins: [APP_ORIGIN], dpopNonce: true });
    try {
      const url = `${api.url}/api/messages`;
      const send = async (proofNonce) => {
        const proof = await key.proof({ htu: url, accessToken: token, overrides: proofNonce ? { nonce: proofNonce } : {} });
        const headers = { Authorization: `DPoP ${token}`, DPoP: proof };
        return { headers, response: await fetch(url, { headers }) };
      };
      const first = await send();
      assert.equal(first.response.status, 401);
      assert.match(first.response.headers.get('www-authenticate'), /error="use_dpop_nonce"/);
      const apiNonce = first.response.headers.get('dpop-nonce');
      const second = await send(apiNonce);
      assert.equal(second.response.status, 200);
      const body = await second.response.json();
      assert.equal(body.token_type, 'DPoP');
      assert.equal(body.user, tenant.info.users.alice.sub);
      assert.ok(body.messages.some((message) => message.text.includes(tenant.info.users.alice.sub)));
      const replay = await fetch(url, { headers: second.headers });
      assert.equal(replay.status, 401);
      assert.equal((await replay.json()).error, 'invalid_dpop_proof');
    } finally {
      await api.close();
    }
  });
});
