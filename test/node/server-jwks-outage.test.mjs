// The tenant's JWKS under faults (issue 13, item 6): known keys keep verifying through an outage for
// the documented stale period, refetches are shared and backed off, an unknown kid waits for the one
// refetch instead of failing during a cooldown, and past the stale period verification fails closed.
// Faults are at the network edge: a JWKS server on 127.0.0.1 whose keys and status the test sets.
// Time passing (the 10-minute cache age) is a shifted Date.now in this process.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import { rsaKeyPair } from './rsa-keys.mjs';
import { ApiClient, InvalidArgumentError, InvalidTokenError, NetworkError } from '../../lib/src/server/index.js';
import { listen } from './server-fixtures.mjs';

const audience = 'https://api.example.com';
let server;
const jwks = { keys: [], status: 200, requests: 0 };

// Imported from DER, not fresh from a key-generation job (the Node 20 exportJWK deadlock).
async function signingKey(kid) {
  const { privateKey, jwk } = rsaKeyPair();
  return { kid, privateKey, jwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } };
}

function mint(key) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: 'read:messages' })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'at+jwt' })
    .setIssuer(`${server.origin}/`).setAudience(audience).setSubject('auth0|alice')
    .setIssuedAt(now).setExpirationTime(now + 7200)
    .sign(key.privateKey);
}

/** Runs `fn` with this process's clock moved `ms` ahead (tokens minted inside carry that time). */
async function later(ms, fn) {
  const realNow = Date.now;
  Date.now = () => realNow() + ms;
  try {
    return await fn();
  } finally {
    Date.now = realNow;
  }
}

const failure = (promise) => promise.then(() => assert.fail('expected a rejection'), (error) => error);

before(async () => {
  server = await listen((req, res) => {
    jwks.requests += 1;
    res.writeHead(jwks.status, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: jwks.keys.map((key) => key.jwk) }));
  });
});
after(() => server.close());

describe('JWKS outage and rotation', { timeout: 60_000 }, () => {
  test('past the 10-minute cache age with the JWKS down, known keys keep verifying; refetches are backed off', async () => {
    const key = await signingKey('k-outage');
    jwks.keys = [key];
    jwks.status = 200;
    const api = new ApiClient({ domain: server.origin, audience });
    assert.equal((await api.verifyAccessToken({ token: await mint(key) })).sub, 'auth0|alice');
    jwks.status = 503;
    const before = jwks.requests;
    await later(11 * 60_000, async () => {
      const token = await mint(key);
      const started = performance.now();
      let verified = 0;
      while (performance.now() - started < 2500) {
        assert.equal((await api.verifyAccessToken({ token })).sub, 'auth0|alice');
        verified += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      assert.ok(verified > 50, `verified ${verified}`);
    });
    // One refetch at once, then 1 s, 2 s, … apart: at most 3 in 2.5 s (jose sent one per verification).
    const refetches = jwks.requests - before;
    assert.ok(refetches >= 1 && refetches <= 3, `${refetches} JWKS requests during the outage`);
    jwks.status = 200;
  });

  test('past the stale period the keys are no longer used: NetworkError (503); the JWKS back, verification is back', async () => {
    const key = await signingKey('k-stale');
    jwks.keys = [key];
    jwks.status = 200;
    const api = new ApiClient({ domain: server.origin, audience, jwks: { maxAge: 600, staleFor: 3600 } });
    await api.verifyAccessToken({ token: await mint(key) });
    jwks.status = 503;
    await later((600 + 3600 + 1) * 1000, async () => {
      const error = await failure(api.verifyAccessToken({ token: await mint(key) }));
      assert.ok(error instanceof NetworkError, `${error?.name}: ${error?.message}`);
      assert.equal(error.status, 503);
      jwks.status = 200;
      // The failed fetch set a 1 s backoff; after it the next verification fetches again.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      assert.equal((await api.verifyAccessToken({ token: await mint(key) })).sub, 'auth0|alice');
    });
  });

  test('a token signed by a just-rotated key waits for the one refetch and verifies (no 30 s cooldown)', async () => {
    const first = await signingKey('k-old');
    jwks.keys = [first];
    jwks.status = 200;
    const api = new ApiClient({ domain: server.origin, audience });
    await api.verifyAccessToken({ token: await mint(first) });
    const rotated = await signingKey('k-new');
    jwks.keys = [first, rotated];
    const before = jwks.requests;
    const tokens = await Promise.all(Array.from({ length: 20 }, () => mint(rotated)));
    const results = await Promise.all(tokens.map((token) => api.verifyAccessToken({ token })));
    assert.ok(results.every((claims) => claims.sub === 'auth0|alice'));
    assert.equal(jwks.requests - before, 1, 'twenty requests with the new kid share one refetch');
    // A kid the tenant does not have is still refused, after its refetch.
    const stranger = await signingKey('k-unknown');
    const error = await failure(api.verifyAccessToken({ token: await mint(stranger) }));
    assert.ok(error instanceof InvalidTokenError, `${error?.name}: ${error?.message}`);
  });

  test('an unknown kid during an outage is a NetworkError at once, not a hang; known keys still verify', async () => {
    const key = await signingKey('k-known');
    jwks.keys = [key];
    jwks.status = 200;
    const api = new ApiClient({ domain: server.origin, audience });
    await api.verifyAccessToken({ token: await mint(key) });
    jwks.status = 503;
    const unknown = await signingKey('k-during-outage');
    // The first unknown kid asks the JWKS (after the cooldown) and meets the outage.
    const first = await failure(api.verifyAccessToken({ token: await mint(unknown) }));
    assert.ok(first instanceof NetworkError, `${first?.name}: ${first?.message}`);
    const started = performance.now();
    for (let i = 0; i < 20; i += 1) {
      const error = await failure(api.verifyAccessToken({ token: await mint(unknown) }));
      assert.ok(error instanceof NetworkError);
    }
    assert.ok(performance.now() - started < 2000, 'answered during the backoff, without waiting for it');
    assert.equal((await api.verifyAccessToken({ token: await mint(key) })).sub, 'auth0|alice');
    jwks.status = 200;
  });

  test('jwks options: non-negative seconds, else a TypeError naming the option', () => {
    for (const [jwksOption, argument] of [['soon', 'jwks'], [{ maxAge: -1 }, 'jwks.maxAge'], [{ staleFor: 'long' }, 'jwks.staleFor'], [{ cooldown: Number.NaN }, 'jwks.cooldown']]) {
      assert.throws(
        () => new ApiClient({ domain: server.origin, audience, jwks: jwksOption }),
        (error) => error instanceof InvalidArgumentError && error.argument === argument,
        argument,
      );
    }
  });
});
