// The demo API (demo/api) over real HTTP: CORS for app origins, /api/messages behind a DPoP-bound
// token, 401 answers with WWW-Authenticate and DPoP-Nonce a browser engine can act on. Tokens come
// from a tenant edge (JWKS over HTTP); proofs are signed with a real ES256 key.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { startDemoApi } from '../../demo/api/index.js';
import { createDpopKey, startEdgeTenant } from './server-fixtures.mjs';

const audience = 'https://api.example.com';
const appOrigin = 'http://127.0.0.1:1234';
let edge;
let key;
let api;

before(async () => {
  edge = await startEdgeTenant();
  key = await createDpopKey();
  api = await startDemoApi({ domain: edge.domain, audience, appOrigins: [appOrigin] });
});
after(async () => {
  await api?.close();
  await edge?.close();
});

/** GET with a DPoP-bound token and a fresh proof, as a browser engine's fetchWithAuth sends it. */
async function getWithDpop(base, path, { nonce, token, headers = {} } = {}) {
  token ??= await edge.mintAccessToken({ cnf: { jkt: key.jkt } });
  const url = `${base}${path}`;
  const proof = await key.proof({ htu: url, accessToken: token, overrides: nonce ? { nonce } : {} });
  return fetch(url, { headers: { Authorization: `DPoP ${token}`, DPoP: proof, Origin: appOrigin, ...headers } });
}

describe('demo API', { timeout: 20_000 }, () => {
  test('listens on 127.0.0.1 on a free port', () => {
    assert.match(api.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(api.port > 0);
  });

  test('GET /api/messages with a DPoP-bound token returns messages naming the user', async () => {
    const response = await getWithDpop(api.url, '/api/messages');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), appOrigin);
    const body = await response.json();
    assert.equal(body.user, 'auth0|alice');
    assert.equal(body.token_type, 'DPoP');
    assert.ok(body.messages.length > 0);
    assert.ok(body.messages.some((message) => message.text.includes('auth0|alice')));
  });

  test('no token: 401 with the DPoP challenge, readable by the app origin', async () => {
    const response = await fetch(`${api.url}/api/messages`, { headers: { Origin: appOrigin } });
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'DPoP algs="ES256"');
    assert.match(response.headers.get('access-control-expose-headers'), /DPoP-Nonce/);
    assert.match(response.headers.get('access-control-expose-headers'), /WWW-Authenticate/);
    assert.equal((await response.json()).error, 'invalid_request');
  });

  test('a Bearer token is refused (DPoP required by default)', async () => {
    const token = await edge.mintAccessToken();
    const response = await fetch(`${api.url}/api/messages`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate'), /^DPoP algs="ES256", error="invalid_token"/);
  });

  test('a replayed request is refused with invalid_dpop_proof', async () => {
    const token = await edge.mintAccessToken({ cnf: { jkt: key.jkt } });
    const url = `${api.url}/api/messages`;
    const headers = { Authorization: `DPoP ${token}`, DPoP: await key.proof({ htu: url, accessToken: token }) };
    assert.equal((await fetch(url, { headers })).status, 200);
    const replay = await fetch(url, { headers });
    assert.equal(replay.status, 401);
    assert.equal((await replay.json()).error, 'invalid_dpop_proof');
    assert.match(replay.headers.get('www-authenticate'), /error="invalid_dpop_proof"/);
  });

  test('a proof for another URL or a request target that tries to change the origin is refused', async () => {
    const token = await edge.mintAccessToken({ cnf: { jkt: key.jkt } });
    const proof = await key.proof({ htu: `${api.url}/api/other`, accessToken: token });
    const response = await fetch(`${api.url}/api/messages`, { headers: { Authorization: `DPoP ${token}`, DPoP: proof } });
    assert.equal(response.status, 401);
    assert.equal((await response.json()).error, 'invalid_dpop_proof');
    // A proof made for another host, sent with a request target naming that host, still does not
    // pass: the API checks htu against its own origin, not against what the request claims.
    const evil = await key.proof({ htu: 'http://evil.example/api/messages', accessToken: token });
    const status = await new Promise((resolve, reject) => {
      const req = request(`${api.url}/api/messages`, { path: '//evil.example/api/messages', headers: { Authorization: `DPoP ${token}`, DPoP: evil } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end();
    });
    assert.notEqual(status, 200);
  });

  test('CORS preflight: allowed for app origins with Authorization and DPoP, 403 otherwise', async () => {
    const preflight = (origin) =>
      fetch(`${api.url}/api/messages`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization, dpop' },
      });
    const ok = await preflight(appOrigin);
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), appOrigin);
    assert.match(ok.headers.get('access-control-allow-headers'), /Authorization/);
    assert.match(ok.headers.get('access-control-allow-headers'), /DPoP/);
    const denied = await preflight('http://127.0.0.1:9');
    assert.equal(denied.status, 403);
    assert.equal(denied.headers.get('access-control-allow-origin'), null);
  });

  test('an unknown route is 404 JSON', async () => {
    const response = await fetch(`${api.url}/api/nothing`);
    assert.equal(response.status, 404);
    assert.equal((await response.json()).error, 'not_found');
  });
});

describe('demo API with server nonces', { timeout: 20_000 }, () => {
  let nonceApi;
  before(async () => {
    nonceApi = await startDemoApi({ domain: edge.domain, audience, appOrigins: [appOrigin], dpopNonce: true });
  });
  after(() => nonceApi?.close());

  test('use_dpop_nonce with a DPoP-Nonce header, then the retry with it succeeds and gets a nonce back', async () => {
    const first = await getWithDpop(nonceApi.url, '/api/messages');
    assert.equal(first.status, 401);
    assert.match(first.headers.get('www-authenticate'), /^DPoP algs="ES256", error="use_dpop_nonce"/);
    const nonce = first.headers.get('dpop-nonce');
    assert.ok(nonce);
    const retry = await getWithDpop(nonceApi.url, '/api/messages', { nonce });
    assert.equal(retry.status, 200);
    assert.ok(retry.headers.get('dpop-nonce'));
    assert.equal((await retry.json()).user, 'auth0|alice');
  });
});
