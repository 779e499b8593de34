// ApiClient.verifyAccessToken for DPoP-bound tokens: every check of RFC 9449 §4.3 and §7.1, the
// jti replay cache (§11.1) and server nonces (§9). Proofs are signed with a real ES256 key; tokens
// come from a tenant edge whose JWKS is served over real HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateKeyPair } from 'jose';
import { rsaKeyPair } from './rsa-keys.mjs';
import {
  ApiClient,
  InvalidDpopProofError,
  InvalidRequestError,
  InvalidTokenError,
  UseDpopNonceError,
} from '../../lib/src/server/index.js';
import { createDpopKey, startEdgeTenant, unsignedJwt } from './server-fixtures.mjs';

const audience = 'https://api.example.com';
const url = 'https://api.example.com/api/messages';
let edge;
let key;

before(async () => {
  edge = await startEdgeTenant();
  key = await createDpopKey();
});
after(() => edge.close());

const client = (dpop = {}) => new ApiClient({ domain: edge.domain, audience, dpop });
const boundToken = (jkt = key.jkt) => edge.mintAccessToken({ cnf: { jkt } });

/** A request as an API receives it: headers (Node style), method, absolute URL. */
async function request({ token, proof, proofOptions = {}, scheme = 'DPoP', method = 'GET', requestUrl = url }) {
  token ??= await boundToken();
  const dpop = proof === undefined ? await key.proof({ htm: method, htu: requestUrl, accessToken: token, ...proofOptions }) : proof;
  const headers = { authorization: `${scheme} ${token}` };
  if (dpop !== null) headers.dpop = dpop;
  return { headers, method, url: requestUrl };
}

async function rejection(promise, ErrorClass, error) {
  const failure = await promise.then(
    () => assert.fail('expected a rejection'),
    (e) => e,
  );
  assert.ok(failure instanceof ErrorClass, `expected ${ErrorClass.name}, got ${failure?.name}: ${failure?.message}`);
  assert.equal(failure.error, error);
  assert.equal(failure.status, error === 'invalid_request' ? 400 : 401);
  if (error !== 'invalid_request') assert.match(failure.wwwAuthenticate, new RegExp(`^DPoP algs="ES256", error="${error}", error_description="`));
  return failure;
}

describe('DPoP-bound tokens', { timeout: 20_000 }, () => {
  test('a valid proof passes; scheme is case-insensitive; query and fragment are ignored in htu', async () => {
    const api = client();
    const claims = await api.verifyAccessToken(await request({}));
    assert.equal(claims.token_type, 'DPoP');
    assert.equal(claims.cnf.jkt, key.jkt);
    assert.equal((await api.verifyAccessToken(await request({ scheme: 'dpop' }))).sub, 'auth0|alice');
    const token = await boundToken();
    const proof = await key.proof({ htu: 'HTTPS://API.example.com:443/api/messages?page=1#top', accessToken: token });
    const withQuery = await request({ token, proof, requestUrl: `${url}?page=2` });
    assert.equal((await api.verifyAccessToken(withQuery)).token_type, 'DPoP');
  });

  test('a DPoP-bound token presented as Bearer is invalid_token with a DPoP challenge', async () => {
    const token = await boundToken();
    const failure = await client().verifyAccessToken({ token }).then(assert.fail, (e) => e);
    assert.ok(failure instanceof InvalidTokenError);
    assert.match(failure.wwwAuthenticate, /^DPoP algs="ES256", error="invalid_token"/);
    await rejection(client().verifyAccessToken(await request({ token, scheme: 'Bearer' })), InvalidTokenError, 'invalid_token');
  });

  test('the DPoP scheme with an unbound token is invalid_token', async () => {
    const token = await edge.mintAccessToken();
    await rejection(client().verifyAccessToken(await request({ token })), InvalidTokenError, 'invalid_token');
  });

  test('a missing DPoP header is invalid_dpop_proof; two are invalid_request', async () => {
    await rejection(client().verifyAccessToken(await request({ proof: null })), InvalidDpopProofError, 'invalid_dpop_proof');
    const token = await boundToken();
    const one = await key.proof({ htu: url, accessToken: token });
    const two = await key.proof({ htu: url, accessToken: token });
    const asArray = { headers: { authorization: `DPoP ${token}`, dpop: [one, two] }, method: 'GET', url };
    await rejection(client().verifyAccessToken(asArray), InvalidRequestError, 'invalid_request');
    const joined = new Headers({ authorization: `DPoP ${token}` });
    joined.append('DPoP', one);
    joined.append('DPoP', two);
    await rejection(client().verifyAccessToken({ headers: joined, method: 'GET', url }), InvalidRequestError, 'invalid_request');
  });

  test('wrong htm, htu or ath is invalid_dpop_proof', async () => {
    const api = client();
    const wrongHtm = await request({ proofOptions: { htm: 'POST' } });
    assert.match((await rejection(api.verifyAccessToken(wrongHtm), InvalidDpopProofError, 'invalid_dpop_proof')).error_description, /htm/);
    const wrongHtu = await request({ proofOptions: { htu: 'https://api.example.com/api/other' } });
    assert.match((await rejection(api.verifyAccessToken(wrongHtu), InvalidDpopProofError, 'invalid_dpop_proof')).error_description, /htu/);
    const otherHost = await request({ proofOptions: { htu: 'https://evil.example.com/api/messages' } });
    await rejection(api.verifyAccessToken(otherHost), InvalidDpopProofError, 'invalid_dpop_proof');
    const wrongAth = await request({ proofOptions: { accessToken: 'another-token' } });
    assert.match((await rejection(api.verifyAccessToken(wrongAth), InvalidDpopProofError, 'invalid_dpop_proof')).error_description, /ath/);
    const noAth = await request({ proofOptions: { accessToken: undefined } });
    await rejection(api.verifyAccessToken(noAth), InvalidDpopProofError, 'invalid_dpop_proof');
  });

  test('a stale or future iat is invalid_dpop_proof; the window is configurable', async () => {
    const now = Math.floor(Date.now() / 1000);
    const stale = await request({ proofOptions: { overrides: { iat: now - 120 } } });
    assert.match((await rejection(client().verifyAccessToken(stale), InvalidDpopProofError, 'invalid_dpop_proof')).error_description, /iat/);
    const future = await request({ proofOptions: { overrides: { iat: now + 120 } } });
    await rejection(client().verifyAccessToken(future), InvalidDpopProofError, 'invalid_dpop_proof');
    const generous = client({ iatWindow: 300 });
    assert.equal((await generous.verifyAccessToken(await request({ proofOptions: { overrides: { iat: now - 120 } } }))).token_type, 'DPoP');
  });

  test('a replayed proof (same jti) is refused; the replay cache is per client and scoped to the key', async () => {
    const api = client();
    const req = await request({});
    await api.verifyAccessToken(req);
    const replay = await rejection(api.verifyAccessToken(req), InvalidDpopProofError, 'invalid_dpop_proof');
    assert.match(replay.error_description, /already used/);
    // Same jti from another key is not a replay of this key's proof.
    const other = await createDpopKey();
    const token = await boundToken(other.jkt);
    const sameJti = JSON.parse(Buffer.from(req.headers.dpop.split('.')[1], 'base64url')).jti;
    const proof = await other.proof({ htu: url, accessToken: token, overrides: { jti: sameJti } });
    assert.equal((await api.verifyAccessToken(await request({ token, proof }))).token_type, 'DPoP');
  });

  test('a proof that fails a check does not burn its jti', async () => {
    const api = client();
    const token = await boundToken();
    const proof = await key.proof({ htu: url, accessToken: token });
    await rejection(api.verifyAccessToken({ headers: { authorization: `DPoP ${token}`, dpop: proof }, method: 'POST', url }), InvalidDpopProofError, 'invalid_dpop_proof');
    assert.equal((await api.verifyAccessToken({ headers: { authorization: `DPoP ${token}`, dpop: proof }, method: 'GET', url })).token_type, 'DPoP');
  });

  test('a proof key other than cnf.jkt is invalid_token "Invalid DPoP key binding" (RFC 9449 §7.1)', async () => {
    const other = await createDpopKey();
    const token = await boundToken(other.jkt);
    const failure = await rejection(client().verifyAccessToken(await request({ token })), InvalidTokenError, 'invalid_token');
    assert.match(failure.error_description, /key binding/i);
  });

  test('alg none, HS256, RS256 and a wrong typ are invalid_dpop_proof', async () => {
    const token = await boundToken();
    const now = Math.floor(Date.now() / 1000);
    const claims = { jti: 'n-1', htm: 'GET', htu: url, iat: now };
    const none = unsignedJwt({ typ: 'dpop+jwt', alg: 'none', jwk: key.publicJwk }, claims);
    await rejection(client().verifyAccessToken(await request({ token, proof: none })), InvalidDpopProofError, 'invalid_dpop_proof');
    const secret = new TextEncoder().encode('a-shared-secret-of-32-bytes-long');
    const hs = await key.proof({ htu: url, accessToken: token, alg: 'HS256', key: secret });
    const hsFailure = await rejection(client().verifyAccessToken(await request({ token, proof: hs })), InvalidDpopProofError, 'invalid_dpop_proof');
    assert.match(hsFailure.error_description, /alg/);
    const rsa = rsaKeyPair();
    const rs = await key.proof({ htu: url, accessToken: token, alg: 'RS256', key: rsa.privateKey });
    await rejection(client().verifyAccessToken(await request({ token, proof: rs })), InvalidDpopProofError, 'invalid_dpop_proof');
    const typ = await request({ token, proofOptions: { header: { typ: 'JWT' } } });
    assert.match((await rejection(client().verifyAccessToken(typ), InvalidDpopProofError, 'invalid_dpop_proof')).error_description, /typ/);
  });

  test('a private jwk in the header, a bad signature or no jwk are invalid_dpop_proof', async () => {
    const token = await boundToken();
    const leaked = await request({ token, proofOptions: { header: { jwk: key.privateJwk } } });
    assert.match((await rejection(client().verifyAccessToken(leaked), InvalidDpopProofError, 'invalid_dpop_proof')).error_description, /public/);
    const other = await generateKeyPair('ES256');
    const forged = await request({ token, proofOptions: { key: other.privateKey } });
    await rejection(client().verifyAccessToken(forged), InvalidDpopProofError, 'invalid_dpop_proof');
    const noJwk = await request({ token, proofOptions: { header: { jwk: undefined } } });
    await rejection(client().verifyAccessToken(noJwk), InvalidDpopProofError, 'invalid_dpop_proof');
    await rejection(client().verifyAccessToken(await request({ token, proof: 'not-a-jwt' })), InvalidDpopProofError, 'invalid_dpop_proof');
  });

  test('dpop.required refuses Bearer tokens and answers with a DPoP-only challenge', async () => {
    const api = client({ required: true });
    const bearer = await edge.mintAccessToken();
    const failure = await rejection(api.verifyAccessToken({ headers: { authorization: `Bearer ${bearer}` } }), InvalidTokenError, 'invalid_token');
    assert.doesNotMatch(failure.wwwAuthenticate, /Bearer/);
    const none = await api.verifyAccessToken({ headers: {} }).then(assert.fail, (e) => e);
    assert.equal(none.wwwAuthenticate, 'DPoP algs="ES256"');
    assert.equal((await api.verifyAccessToken(await request({}))).token_type, 'DPoP');
  });

  test('method and url are required (TypeError) to verify a DPoP request', async () => {
    const { headers } = await request({});
    await assert.rejects(client().verifyAccessToken({ headers, url }), TypeError);
    await assert.rejects(client().verifyAccessToken({ headers, method: 'GET', url: '/api/messages' }), TypeError);
  });
});

describe('server nonces (RFC 9449 §9)', { timeout: 20_000 }, () => {
  test('no nonce → use_dpop_nonce with a DPoP-Nonce; the retry with it passes', async () => {
    const api = client({ nonce: true });
    const first = await rejection(api.verifyAccessToken(await request({})), UseDpopNonceError, 'use_dpop_nonce');
    assert.ok(first.dpopNonce, 'a DPoP-Nonce to send');
    assert.equal(first.headers['DPoP-Nonce'], first.dpopNonce);
    assert.equal(first.headers['WWW-Authenticate'], first.wwwAuthenticate);
    const retry = await request({ proofOptions: { overrides: { nonce: first.dpopNonce } } });
    assert.equal((await api.verifyAccessToken(retry)).token_type, 'DPoP');
    assert.equal(api.nonce(), first.dpopNonce, 'the same nonce within one window');
  });

  test('a nonce from another secret is refused; a shared secret works across clients', async () => {
    const secret = 'a-secret-shared-by-all-api-processes';
    const a = client({ nonce: { secret } });
    const b = client({ nonce: { secret } });
    const stranger = client({ nonce: true });
    const nonce = a.nonce();
    assert.equal((await b.verifyAccessToken(await request({ proofOptions: { overrides: { nonce } } }))).token_type, 'DPoP');
    const failure = await rejection(stranger.verifyAccessToken(await request({ proofOptions: { overrides: { nonce } } })), UseDpopNonceError, 'use_dpop_nonce');
    assert.match(failure.error_description, /stale|unknown/);
  });

  test('without nonces, nonce() is undefined and errors carry no DPoP-Nonce', async () => {
    const api = client();
    assert.equal(api.nonce(), undefined);
    const failure = await api.verifyAccessToken(await request({ proof: null })).then(assert.fail, (e) => e);
    assert.equal(failure.dpopNonce, undefined);
    assert.deepEqual(Object.keys(failure.headers), ['WWW-Authenticate']);
  });
});
