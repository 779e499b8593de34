// ApiClient.verifyAccessToken for Bearer tokens: signature, iss, aud, exp/nbf, challenges (RFC 6750 §3).
// Tokens come from a tenant edge on 127.0.0.1 (JWKS over real HTTP); nothing of ours is mocked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { rsaKeyPair } from './rsa-keys.mjs';
import {
  ApiClient,
  InsufficientScopeError,
  InvalidArgumentError,
  InvalidRequestError,
  InvalidTokenError,
  MissingRequiredArgumentError,
  NetworkError,
  VerifyAccessTokenError,
} from '../../lib/src/server/index.js';
import { startEdgeTenant, unsignedJwt } from './server-fixtures.mjs';

const audience = 'https://api.example.com';
let edge;
let api;

before(async () => {
  edge = await startEdgeTenant();
  api = new ApiClient({ domain: edge.domain, audience });
});
after(() => edge.close());

async function rejection(promise, ErrorClass, error) {
  const failure = await promise.then(
    () => assert.fail('expected a rejection'),
    (e) => e,
  );
  assert.ok(failure instanceof ErrorClass, `expected ${ErrorClass.name}, got ${failure?.name}: ${failure?.message}`);
  if (error) assert.equal(failure.error, error);
  return failure;
}

describe('Bearer tokens', { timeout: 20_000 }, () => {
  test('a valid token verifies from {token} and from request headers', async () => {
    const token = await edge.mintAccessToken();
    const claims = await api.verifyAccessToken({ token });
    assert.equal(claims.sub, 'auth0|alice');
    assert.equal(claims.iss, edge.issuer);
    assert.equal(claims.token_type, 'Bearer');
    const viaHeaders = await api.verifyAccessToken({ headers: { authorization: `bearer ${token}` } });
    assert.equal(viaHeaders.sub, 'auth0|alice');
    const viaFetchHeaders = await api.verifyAccessToken({ headers: new Headers({ Authorization: `Bearer ${token}` }) });
    assert.equal(viaFetchHeaders.token_type, 'Bearer');
  });

  test('an aud array that contains the audience is accepted', async () => {
    const token = await edge.mintAccessToken({ aud: ['https://other.example.com', audience] });
    assert.equal((await api.verifyAccessToken({ token })).sub, 'auth0|alice');
  });

  test('a signature by a key outside the JWKS (same kid) is invalid_token', async () => {
    const { privateKey } = rsaKeyPair();
    const token = await edge.mintAccessToken({}, { key: privateKey });
    const error = await rejection(api.verifyAccessToken({ token }), InvalidTokenError, 'invalid_token');
    assert.equal(error.status, 401);
    assert.match(error.wwwAuthenticate, /^Bearer realm="https:\/\/api\.example\.com", error="invalid_token", error_description="[^"]*signature/);
  });

  test('a wrong issuer is invalid_token', async () => {
    const token = await edge.mintAccessToken({ iss: 'https://evil.example.com/' });
    const error = await rejection(api.verifyAccessToken({ token }), InvalidTokenError, 'invalid_token');
    assert.match(error.error_description, /iss/);
  });

  test('the issuer needs its trailing slash, as Auth0 issues it', async () => {
    const token = await edge.mintAccessToken({ iss: edge.domain });
    await rejection(api.verifyAccessToken({ token }), InvalidTokenError, 'invalid_token');
  });

  test('a wrong audience is invalid_token', async () => {
    const token = await edge.mintAccessToken({ aud: 'https://admin.example.com' });
    const error = await rejection(api.verifyAccessToken({ token }), InvalidTokenError, 'invalid_token');
    assert.match(error.error_description, /aud/);
  });

  test('an expired token is invalid_token; a few seconds of skew are tolerated', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await edge.mintAccessToken({ iat: now - 600, exp: now - 60 });
    const error = await rejection(api.verifyAccessToken({ token: expired }), InvalidTokenError, 'invalid_token');
    assert.match(error.error_description, /expired/);
    const justExpired = await edge.mintAccessToken({ iat: now - 600, exp: now - 2 });
    assert.equal((await api.verifyAccessToken({ token: justExpired })).sub, 'auth0|alice');
  });

  test('a token without exp, or not valid yet (nbf), is invalid_token', async () => {
    const now = Math.floor(Date.now() / 1000);
    await rejection(api.verifyAccessToken({ token: await edge.mintAccessToken({ exp: undefined }) }), InvalidTokenError);
    await rejection(api.verifyAccessToken({ token: await edge.mintAccessToken({ nbf: now + 120 }) }), InvalidTokenError);
  });

  test('HS256 and alg none tokens are refused', async () => {
    const secret = new TextEncoder().encode('a-shared-secret-of-32-bytes-long');
    const hs = await edge.mintAccessToken({}, { alg: 'HS256', key: secret });
    await rejection(api.verifyAccessToken({ token: hs }), InvalidTokenError, 'invalid_token');
    const now = Math.floor(Date.now() / 1000);
    const none = unsignedJwt({ alg: 'none' }, { iss: edge.issuer, aud: audience, sub: 'x', exp: now + 60 });
    await rejection(api.verifyAccessToken({ headers: { authorization: `Bearer ${none}` } }), InvalidTokenError, 'invalid_token');
    await rejection(api.verifyAccessToken({ token: none }), InvalidTokenError, 'invalid_token');
  });

  test('an opaque token is invalid_token', async () => {
    await rejection(api.verifyAccessToken({ token: 'opaque-token-value' }), InvalidTokenError, 'invalid_token');
  });

  test('no credentials: 401, no error code, a challenge for each scheme (RFC 6750 §3.1)', async () => {
    const error = await rejection(api.verifyAccessToken({ headers: {} }), InvalidRequestError);
    assert.equal(error.status, 401);
    assert.equal(error.wwwAuthenticate, 'Bearer realm="https://api.example.com", DPoP algs="ES256"');
    assert.equal(error.dpopNonce, undefined);
    const basic = await rejection(api.verifyAccessToken({ headers: { authorization: 'Basic dXNlcjpwYXNz' } }), InvalidRequestError);
    assert.equal(basic.status, 401);
    assert.doesNotMatch(basic.wwwAuthenticate, /error=/);
  });

  test('a malformed Authorization header is invalid_request (400)', async () => {
    for (const authorization of ['Bearer', 'Bearer a b', 'Bearer {not-a-token}']) {
      const error = await rejection(api.verifyAccessToken({ headers: { authorization } }), InvalidRequestError, 'invalid_request');
      assert.equal(error.status, 400, authorization);
      assert.match(error.wwwAuthenticate, /^Bearer realm="[^"]+", error="invalid_request"/);
    }
  });

  test('requiredScopes: a missing scope is insufficient_scope (403) with the scope in the challenge', async () => {
    const token = await edge.mintAccessToken({ scope: 'read:messages' });
    assert.equal((await api.verifyAccessToken({ token, requiredScopes: 'read:messages' })).sub, 'auth0|alice');
    const error = await rejection(
      api.verifyAccessToken({ token, requiredScopes: ['read:messages', 'write:messages'] }),
      InsufficientScopeError,
      'insufficient_scope',
    );
    assert.equal(error.status, 403);
    assert.match(error.wwwAuthenticate, /error="insufficient_scope".*scope="read:messages write:messages"/);
    assert.deepEqual(error.headers, { 'WWW-Authenticate': error.wwwAuthenticate });
  });

  test('an unreachable JWKS is a NetworkError (503), not a token error', async () => {
    edge.jwksStatus = 500;
    try {
      const other = new ApiClient({ domain: edge.domain, audience }); // fresh client: nothing cached yet
      const error = await rejection(other.verifyAccessToken({ token: await edge.mintAccessToken() }), NetworkError);
      assert.equal(error.status, 503);
      assert.ok(!(error instanceof VerifyAccessTokenError));
    } finally {
      edge.jwksStatus = 200;
    }
  });

  test('the JWKS is fetched once per client, not per verification', async () => {
    const client = new ApiClient({ domain: edge.domain, audience });
    const before = edge.requests.filter((r) => r.path === '/.well-known/jwks.json').length;
    for (let i = 0; i < 5; i += 1) await client.verifyAccessToken({ token: await edge.mintAccessToken() });
    const after = edge.requests.filter((r) => r.path === '/.well-known/jwks.json').length;
    assert.equal(after - before, 1);
  });
});

describe('ApiClient options', () => {
  test('domain: a full URL is used as is, trailing slash or not; the issuer gets one', async () => {
    const token = await edge.mintAccessToken();
    for (const domain of [`${edge.domain}/`, edge.domain.replace('http:', 'HTTP:')]) {
      const client = new ApiClient({ domain, audience });
      assert.equal((await client.verifyAccessToken({ token })).iss, edge.issuer, domain);
    }
  });

  test('missing or wrong options are TypeErrors naming the option', () => {
    const cases = [
      [undefined, MissingRequiredArgumentError, 'options'],
      [{ audience }, MissingRequiredArgumentError, 'domain'],
      [{ domain: 42, audience }, InvalidArgumentError, 'domain'],
      [{ domain: 'ftp://x', audience }, InvalidArgumentError, 'domain'],
      [{ domain: 'https://x/?a=1', audience }, InvalidArgumentError, 'domain'],
      [{ domain: 'x.auth0.com' }, MissingRequiredArgumentError, 'audience'],
      [{ domain: 'x.auth0.com', audience: 7 }, InvalidArgumentError, 'audience'],
      [{ domain: 'x.auth0.com', audience, clientId: '' }, InvalidArgumentError, 'clientId'],
      [{ domain: 'x.auth0.com', audience, algorithms: ['HS256'] }, InvalidArgumentError, 'algorithms'],
      [{ domain: 'x.auth0.com', audience, clockTolerance: -1 }, InvalidArgumentError, 'clockTolerance'],
      [{ domain: 'x.auth0.com', audience, httpTimeoutInSeconds: 0 }, InvalidArgumentError, 'httpTimeoutInSeconds'],
      [{ domain: 'x.auth0.com', audience, dpop: 'yes' }, InvalidArgumentError, 'dpop'],
      [{ domain: 'x.auth0.com', audience, dpop: { required: 'yes' } }, InvalidArgumentError, 'dpop.required'],
      [{ domain: 'x.auth0.com', audience, dpop: { algs: ['none'] } }, InvalidArgumentError, 'dpop.algs'],
      [{ domain: 'x.auth0.com', audience, dpop: { iatWindow: 'long' } }, InvalidArgumentError, 'dpop.iatWindow'],
      [{ domain: 'x.auth0.com', audience, dpop: { replayStore: {} } }, InvalidArgumentError, 'dpop.replayStore'],
      [{ domain: 'x.auth0.com', audience, dpop: { nonce: { secret: 'short' } } }, InvalidArgumentError, 'dpop.nonce'],
    ];
    for (const [options, ErrorClass, argument] of cases) {
      assert.throws(
        () => new ApiClient(options),
        (error) => error instanceof TypeError && error instanceof ErrorClass && error.argument === argument,
        JSON.stringify(options),
      );
    }
  });
});
