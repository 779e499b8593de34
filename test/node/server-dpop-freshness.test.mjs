// Server-nonce freshness (RFC 9449 §11.1, issue 13 item 5) and the replay cache under a flood
// (issue 15 item 3): a proof whose iat is off (a page clock minutes wrong) passes on a valid, fresh
// server nonce, and is then remembered as long as its nonce is good; a flood of an attacker's own
// valid proofs fills the replay cache but never makes it forget a live jti.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ApiClient,
  DpopNonces,
  InMemoryReplayCache,
  InvalidDpopProofError,
  ReplayStoreUnavailableError,
  UseDpopNonceError,
} from '../../lib/src/server/index.js';
import { createDpopKey, startEdgeTenant } from './server-fixtures.mjs';

const audience = 'https://api.example.com';
const url = 'https://api.example.com/api/messages';
let edge;

before(async () => {
  edge = await startEdgeTenant();
});
after(() => edge.close());

const failure = (promise) => promise.then(() => assert.fail('expected a rejection'), (error) => error);

async function dpopRequest(key, token, overrides = {}) {
  token ??= await edge.mintAccessToken({ cnf: { jkt: key.jkt } });
  const proof = await key.proof({ htu: url, accessToken: token, overrides });
  return { headers: { authorization: `DPoP ${token}`, dpop: proof }, method: 'GET', url };
}

describe('a server nonce proves freshness (RFC 9449 §11.1)', { timeout: 30_000 }, () => {
  test('with a valid nonce, a proof from a clock 10 minutes off passes, once', async () => {
    const api = new ApiClient({ domain: edge.domain, audience, dpop: { nonce: { windowSeconds: 300 } } });
    const key = await createDpopKey();
    const nonce = api.nonce();
    for (const skew of [-600, +600]) {
      const iat = Math.floor(Date.now() / 1000) + skew;
      const request = await dpopRequest(key, undefined, { iat, nonce });
      assert.equal((await api.verifyAccessToken(request)).token_type, 'DPoP', `iat ${skew} s off`);
      const replay = await failure(api.verifyAccessToken(request));
      assert.ok(replay instanceof InvalidDpopProofError);
      assert.match(replay.error_description, /already used/);
    }
  });

  test('the same skewed proof without a nonce, or with a stale one, is use_dpop_nonce with a fresh nonce', async () => {
    const secret = 'a-secret-shared-by-all-api-processes';
    const api = new ApiClient({ domain: edge.domain, audience, dpop: { nonce: { secret, windowSeconds: 60 } } });
    const key = await createDpopKey();
    const iat = Math.floor(Date.now() / 1000) - 600;
    const none = await failure(api.verifyAccessToken(await dpopRequest(key, undefined, { iat })));
    assert.ok(none instanceof UseDpopNonceError);
    assert.ok(none.dpopNonce);
    const stale = new DpopNonces({ secret, windowSeconds: 60 }).issue(Date.now() - 180_000);
    const old = await failure(api.verifyAccessToken(await dpopRequest(key, undefined, { iat, nonce: stale })));
    assert.ok(old instanceof UseDpopNonceError);
    assert.match(old.error_description, /stale/);
  });

  test('without nonces the iat window still decides', async () => {
    const api = new ApiClient({ domain: edge.domain, audience });
    const key = await createDpopKey();
    const iat = Math.floor(Date.now() / 1000) - 600;
    const error = await failure(api.verifyAccessToken(await dpopRequest(key, undefined, { iat })));
    assert.ok(error instanceof InvalidDpopProofError);
    assert.match(error.error_description, /iat/);
  });

  test('validUntil: a nonce is good through the window after the one it was issued in', () => {
    const nonces = new DpopNonces({ secret: 'sixteen-bytes-at-least', windowSeconds: 60 });
    const t0 = 1_700_000_000_000 - (1_700_000_000_000 % 60_000);
    const nonce = nonces.issue(t0 + 10_000);
    assert.equal(nonces.validUntil(nonce, t0 + 10_000), t0 + 120_000);
    assert.equal(nonces.validUntil(nonce, t0 + 119_999), t0 + 120_000);
    assert.equal(nonces.validUntil(nonce, t0 + 120_000), 0);
    assert.equal(nonces.validUntil('nope', t0), 0);
  });
});

describe('the replay cache under a flood of valid proofs', { timeout: 60_000 }, () => {
  test('full of live entries it refuses new proofs (503, typed) and a captured proof still cannot replay', async () => {
    const replayStore = new InMemoryReplayCache({ maxEntries: 300 });
    const api = new ApiClient({ domain: edge.domain, audience, dpop: { replayStore } });
    const victim = await createDpopKey();
    const captured = await dpopRequest(victim);
    assert.equal((await api.verifyAccessToken(captured)).token_type, 'DPoP');

    // The attacker: a user of the API with a valid token, sending 400 valid proofs of their own.
    const attacker = await createDpopKey();
    const token = await edge.mintAccessToken({ cnf: { jkt: attacker.jkt }, sub: 'auth0|mallory' });
    const verdicts = { accepted: 0, refused: 0 };
    for (let i = 0; i < 400; i += 1) {
      const outcome = await api.verifyAccessToken(await dpopRequest(attacker, token)).then(() => 'accepted', (error) => error);
      if (outcome === 'accepted') verdicts.accepted += 1;
      else {
        assert.ok(outcome instanceof ReplayStoreUnavailableError, `${outcome?.name}: ${outcome?.message}`);
        assert.equal(outcome.status, 503);
        assert.equal(outcome.error, 'temporarily_unavailable');
        assert.match(outcome.headers['Retry-After'], /^\d+$/);
        assert.match(outcome.wwwAuthenticate, /^DPoP algs="ES256", error="temporarily_unavailable"/);
        verdicts.refused += 1;
      }
    }
    assert.deepEqual(verdicts, { accepted: 299, refused: 101 });
    assert.equal(replayStore.size, 300);

    const replay = await failure(api.verifyAccessToken(captured));
    assert.ok(replay instanceof InvalidDpopProofError, `the replay must be refused, got ${replay?.name}`);
    assert.match(replay.error_description, /already used/);
  });
});
