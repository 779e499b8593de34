// The fast paths of ApiClient.verifyAccessToken keep every verdict: a request alone is verified
// synchronously, many at once go to the thread pool; proof headers are read once per key and
// kept. Each verdict must be the same either way, and a kept header never spares a check.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateKeyPair } from 'jose';
import { rsaKeyPair } from './rsa-keys.mjs';
import { ApiClient } from '../../lib/src/server/index.js';
import { ProofKeyCache } from '../../lib/src/server/dpop-proof.js';
import { createDpopKey, startEdgeTenant } from './server-fixtures.mjs';

const audience = 'https://api.example.com';
const url = 'https://api.example.com/api/messages';
let edge;
let key;

before(async () => {
  edge = await startEdgeTenant();
  key = await createDpopKey();
});
after(() => edge.close());

const client = () => new ApiClient({ domain: edge.domain, audience });
const dpopRequest = (token, proof) => ({ headers: { authorization: `DPoP ${token}`, dpop: proof }, method: 'GET', url });

/** The verdict of one verification: 'ok', or the error's class, code and description. */
const verdict = (promise) =>
  promise.then(
    () => 'ok',
    (error) => `${error.name} ${error.error}: ${error.error_description}`,
  );

/** Requests whose verdicts are known, each made fresh (its own jti) by `make()`. */
async function cases() {
  const bound = await edge.mintAccessToken({ cnf: { jkt: key.jkt } });
  const other = await createDpopKey();
  const foreignKey = await generateKeyPair('ES256');
  const proof = (options = {}) => key.proof({ htu: url, accessToken: bound, ...options });
  return [
    ['valid', async () => dpopRequest(bound, await proof())],
    ['valid, htu with a query', async () => dpopRequest(bound, await proof({ htu: `${url}?page=2` }))],
    ['valid, htu normalised differently', async () => dpopRequest(bound, await proof({ htu: 'HTTPS://API.example.com:443/api/messages' }))],
    ['proof signed by another key under our jwk', async () => dpopRequest(bound, await proof({ key: foreignKey.privateKey }))],
    ['proof for another URL', async () => dpopRequest(bound, await proof({ htu: 'https://api.example.com/api/other' }))],
    ['proof for another token (ath)', async () => dpopRequest(bound, await proof({ accessToken: 'another-token' }))],
    ['token signed outside the JWKS, valid proof', async () => {
      const forged = await edge.mintAccessToken({ cnf: { jkt: key.jkt } }, { key: rsaKeyPair().privateKey });
      return dpopRequest(forged, await key.proof({ htu: url, accessToken: forged }));
    }],
    ['unbound token, proof with a wrong typ', async () => {
      const unbound = await edge.mintAccessToken();
      return dpopRequest(unbound, await key.proof({ htu: url, accessToken: unbound, header: { typ: 'JWT' } }));
    }],
    ['token bound to another key', async () => {
      const elsewhere = await edge.mintAccessToken({ cnf: { jkt: other.jkt } });
      return dpopRequest(elsewhere, await key.proof({ htu: url, accessToken: elsewhere }));
    }],
    ['Bearer', async () => ({ headers: { authorization: `Bearer ${await edge.mintAccessToken()}` } })],
    ['DPoP-bound token as Bearer', async () => ({ headers: { authorization: `Bearer ${bound}` } })],
  ];
}

describe('verification alone and many at once', { timeout: 30_000 }, () => {
  test('every verdict is the same one at a time (synchronous) and sixteen at once (thread pool)', async () => {
    const known = await cases();
    const alone = client();
    const expected = [];
    for (const [, make] of known) expected.push(await verdict(alone.verifyAccessToken(await make())));
    assert.deepEqual(expected.slice(0, 3), ['ok', 'ok', 'ok']);
    assert.equal(expected.filter((answer) => answer === 'ok').length, 4, expected.join('\n')); // the 3 valid + Bearer
    assert.match(expected[6], /^InvalidTokenError invalid_token: .*signature/); // the token's verdict comes first
    assert.match(expected[7], /^InvalidTokenError invalid_token: .*not DPoP-bound/);

    const together = client();
    const requests = [];
    for (let round = 0; round < 2; round += 1) for (const [, make] of known) requests.push(await make());
    const answers = await Promise.all(requests.map((request) => verdict(together.verifyAccessToken(request))));
    assert.deepEqual(answers, [...expected, ...expected]);
  });

  test('one proof sent sixteen times at once passes exactly once', async () => {
    const api = client();
    const bound = await edge.mintAccessToken({ cnf: { jkt: key.jkt } });
    const request = dpopRequest(bound, await key.proof({ htu: url, accessToken: bound }));
    const answers = await Promise.all(Array.from({ length: 16 }, () => verdict(api.verifyAccessToken(request))));
    assert.equal(answers.filter((answer) => answer === 'ok').length, 1);
    for (const answer of answers.filter((a) => a !== 'ok')) assert.match(answer, /^InvalidDpopProofError invalid_dpop_proof: .*replay/);
  });

  test('a header already read still has its signature, claims and jti checked on every proof', async () => {
    const api = client();
    const bound = await edge.mintAccessToken({ cnf: { jkt: key.jkt } });
    const proof = (options = {}) => key.proof({ htu: url, accessToken: bound, ...options });
    assert.equal(await verdict(api.verifyAccessToken(dpopRequest(bound, await proof()))), 'ok');
    const foreign = await generateKeyPair('ES256');
    assert.match(await verdict(api.verifyAccessToken(dpopRequest(bound, await proof({ key: foreign.privateKey })))), /signature/);
    assert.match(await verdict(api.verifyAccessToken(dpopRequest(bound, await proof({ htm: 'POST' })))), /htm/);
    const old = Math.floor(Date.now() / 1000) - 3600;
    assert.match(await verdict(api.verifyAccessToken(dpopRequest(bound, await proof({ overrides: { iat: old } })))), /iat/);
    assert.equal(await verdict(api.verifyAccessToken(dpopRequest(bound, await proof()))), 'ok');
  });

  test('a header that failed is checked again, not kept: the same key with a right header passes', async () => {
    const api = client();
    const bound = await edge.mintAccessToken({ cnf: { jkt: key.jkt } });
    const wrongTyp = await key.proof({ htu: url, accessToken: bound, header: { typ: 'JWT' } });
    assert.match(await verdict(api.verifyAccessToken(dpopRequest(bound, wrongTyp))), /typ/);
    const again = await key.proof({ htu: url, accessToken: bound, header: { typ: 'JWT' } });
    assert.match(await verdict(api.verifyAccessToken(dpopRequest(bound, again))), /typ/);
    assert.equal(await verdict(api.verifyAccessToken(dpopRequest(bound, await key.proof({ htu: url, accessToken: bound })))), 'ok');
  });
});

describe('ProofKeyCache', () => {
  const segment = (jwk, extra = {}) => Buffer.from(JSON.stringify({ typ: 'dpop+jwt', alg: 'ES256', jwk, ...extra })).toString('base64url');

  test('the same key under two encodings of its header: one thumbprint, the cnf.jkt', () => {
    const cache = new ProofKeyCache(['ES256']);
    const { crv, kty, x, y } = key.publicJwk;
    const a = cache.get(segment({ crv, kty, x, y }));
    const b = cache.get(segment({ y, x, kty, crv }, { kid: 'k' }));
    assert.equal(a.jkt, key.jkt);
    assert.equal(b.jkt, key.jkt);
    assert.notEqual(a, b);
  });

  test('bounded: past its size the least recently used header leaves first', async () => {
    const cache = new ProofKeyCache(['ES256'], 4);
    const keys = await Promise.all(Array.from({ length: 5 }, () => createDpopKey()));
    const segments = keys.map((k) => segment(k.publicJwk));
    const first = segments.slice(0, 4).map((s) => cache.get(s));
    assert.equal(cache.get(segments[0]), first[0]); // a hit, and now the most recently used
    cache.get(segments[4]); // full: one leaves
    assert.equal(cache.get(segments[0]), first[0]);
    assert.notEqual(cache.get(segments[1]), first[1]); // read again: it had left
  });

  test('an alg the client does not accept is refused even with a key that has it', () => {
    const cache = new ProofKeyCache(['ES384']);
    assert.throws(() => cache.get(segment(key.publicJwk)), { code: 'invalid_dpop_proof', message: /alg/ });
  });
});
