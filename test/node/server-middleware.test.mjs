// auth() / requiredScopes(): the Express middleware of the server entry (issue 15 item 4), in a real
// Express app over real HTTP, next to express-oauth2-jwt-bearer (Auth0's own middleware) on the same
// tokens as the oracle for the shape: req.auth, statuses, challenges through Express's error handler.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import express from 'express';
import * as auth0 from 'express-oauth2-jwt-bearer';
import { ApiClient, auth, InvalidArgumentError, requiredScopes } from '../../lib/src/server/index.js';
import { createDpopKey, startEdgeTenant } from './server-fixtures.mjs';

const audience = 'https://api.example.com';
let edge;
const servers = [];

before(async () => {
  edge = await startEdgeTenant();
});
after(async () => {
  for (const server of servers) server.closeAllConnections(), server.close();
  await edge.close();
});

/** An Express app with `middleware` on /api and a scope-guarded route; resolves with its origin. */
async function app(middleware, guard) {
  const application = express();
  application.set('env', 'test'); // Express's error handler: no stack traces on stderr
  application.use('/api', middleware);
  application.get('/api/messages', (req, res) => res.json({ auth: req.auth }));
  application.get('/api/admin', guard, (req, res) => res.json({ ok: true }));
  const server = application.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${server.address().port}`;
}

async function get(url, headers = {}) {
  const response = await fetch(url, { headers });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body, headers: response.headers };
}

describe('auth() and requiredScopes() in Express', { timeout: 30_000 }, () => {
  let ours;
  let theirs;
  before(async () => {
    ours = await app(auth({ issuerBaseURL: edge.domain, audience }), requiredScopes('write:messages'));
    theirs = await app(
      auth0.auth({ issuer: edge.issuer, jwksUri: `${edge.domain}/.well-known/jwks.json`, audience, tokenSigningAlg: 'RS256' }),
      auth0.requiredScopes('write:messages'),
    );
  });

  test('a valid Bearer token: req.auth carries payload, header and token, as express-oauth2-jwt-bearer sets them', async () => {
    const token = await edge.mintAccessToken();
    const [a, b] = await Promise.all([get(`${ours}/api/messages`, { authorization: `Bearer ${token}` }), get(`${theirs}/api/messages`, { authorization: `Bearer ${token}` })]);
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    assert.deepEqual(a.body.auth.payload, b.body.auth.payload);
    assert.deepEqual(a.body.auth.header, b.body.auth.header);
    assert.equal(a.body.auth.token, b.body.auth.token);
    assert.equal(a.body.auth.token_type, 'Bearer');
  });

  test('no token, a bad token, a missing scope: the same statuses and challenge schemes as express-oauth2-jwt-bearer', async () => {
    const good = await edge.mintAccessToken({ scope: 'read:messages' });
    const expired = await edge.mintAccessToken({ iat: 1, exp: 2 });
    const cases = [
      ['/api/messages', {}],
      ['/api/messages', { authorization: `Bearer ${expired}` }],
      ['/api/messages', { authorization: 'Bearer not.a.jwt' }],
      ['/api/admin', { authorization: `Bearer ${good}` }],
    ];
    for (const [path, headers] of cases) {
      const [a, b] = await Promise.all([get(`${ours}${path}`, headers), get(`${theirs}${path}`, headers)]);
      assert.equal(a.status, b.status, `${path} ${JSON.stringify(headers).slice(0, 40)}: ours ${a.status}, theirs ${b.status}`);
      const schemes = (value) => (value ?? '').match(/(^|, )(Bearer|DPoP)\b/g)?.map((s) => s.replace(', ', '')) ?? [];
      assert.deepEqual(schemes(a.headers.get('www-authenticate')).slice(0, 1), schemes(b.headers.get('www-authenticate')).slice(0, 1));
      const error = (value) => /error="([^"]+)"/.exec(value ?? '')?.[1];
      assert.equal(error(a.headers.get('www-authenticate')), error(b.headers.get('www-authenticate')), path);
    }
    const scope = await get(`${ours}/api/admin`, { authorization: `Bearer ${good}` });
    assert.match(scope.headers.get('www-authenticate'), /error="insufficient_scope".*scope="write:messages"/);
  });

  test('DPoP with server nonces: use_dpop_nonce with a DPoP-Nonce, the retry passes and gets a DPoP-Nonce', async () => {
    const base = await app(auth({ domain: edge.domain, audience, baseUrl: 'https://api.example.com', dpop: { nonce: true } }), requiredScopes(['read:messages']));
    const key = await createDpopKey();
    const token = await edge.mintAccessToken({ cnf: { jkt: key.jkt } });
    const htu = 'https://api.example.com/api/messages';
    const first = await get(`${base}/api/messages`, { authorization: `DPoP ${token}`, dpop: await key.proof({ htu, accessToken: token }) });
    assert.equal(first.status, 401);
    assert.match(first.headers.get('www-authenticate'), /^DPoP algs="ES256", error="use_dpop_nonce"/);
    const nonce = first.headers.get('dpop-nonce');
    assert.ok(nonce);
    const retry = await get(`${base}/api/messages`, { authorization: `DPoP ${token}`, dpop: await key.proof({ htu, accessToken: token, overrides: { nonce } }) });
    assert.equal(retry.status, 200);
    assert.equal(retry.body.auth.token_type, 'DPoP');
    assert.equal(retry.body.auth.payload.cnf.jkt, key.jkt);
    assert.equal(retry.headers.get('dpop-nonce'), nonce);
  });

  test('without baseUrl the proof htu is checked against the request protocol and Host; a bad Host is invalid_request', async () => {
    const base = await app(auth({ issuerBaseURL: edge.domain, audience }), requiredScopes('read:messages'));
    const key = await createDpopKey();
    const token = await edge.mintAccessToken({ cnf: { jkt: key.jkt } });
    const ok = await get(`${base}/api/messages?x=1`, { authorization: `DPoP ${token}`, dpop: await key.proof({ htu: `${base}/api/messages`, accessToken: token }) });
    assert.equal(ok.status, 200);
    const elsewhere = await get(`${base}/api/messages`, { authorization: `DPoP ${token}`, dpop: await key.proof({ htu: 'https://other.example.com/api/messages', accessToken: token }) });
    assert.equal(elsewhere.status, 401);
    assert.match(elsewhere.headers.get('www-authenticate'), /invalid_dpop_proof/);
  });

  test('options: one of issuerBaseURL / domain, an ApiClient as client, scopes required; TypeErrors name them', () => {
    assert.throws(() => auth({ audience }), (error) => error instanceof TypeError && error.argument === 'domain');
    assert.throws(() => auth({ audience, domain: edge.domain, issuerBaseURL: edge.domain }), InvalidArgumentError);
    assert.throws(() => auth({ audience, domain: edge.domain, baseUrl: 'ftp://x' }), (error) => error.argument === 'baseUrl');
    assert.throws(() => auth({ client: {} }), (error) => error.argument === 'client');
    assert.throws(() => requiredScopes(''), (error) => error.argument === 'scopes');
    const client = new ApiClient({ domain: edge.domain, audience });
    assert.equal(auth({ client }).client, client);
  });
});
