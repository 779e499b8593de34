// The jti replay cache (RFC 9449 §11.1) and the stateless server nonces (RFC 9449 §9).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DpopNonces, InMemoryReplayCache, ReplayStoreUnavailableError } from '../../lib/src/server/index.js';

test('the replay cache reports a key seen before it expires, and forgets it after', async () => {
  const cache = new InMemoryReplayCache();
  const soon = Date.now() + 80;
  assert.equal(cache.seen('a', soon), false);
  assert.equal(cache.seen('a', soon), true);
  assert.equal(cache.seen('b', soon), false);
  await new Promise((resolve) => setTimeout(resolve, 120));
  assert.equal(cache.seen('a', Date.now() + 60_000), false, 'expired: no longer a replay');
  assert.equal(cache.size, 1, 'expired entries were evicted');
});

test('the replay cache stays within maxEntries and, full of live entries, refuses instead of forgetting one', () => {
  const cache = new InMemoryReplayCache({ maxEntries: 3 });
  const later = Date.now() + 60_000;
  for (const key of ['k1', 'k2', 'k3']) assert.equal(cache.seen(key, later), false);
  assert.throws(() => cache.seen('k4', later), (error) => error instanceof ReplayStoreUnavailableError && error.status === 503);
  assert.equal(cache.size, 3);
  assert.equal(cache.seen('k1', later), true, 'the oldest live entry is still remembered');
  assert.equal(cache.seen('k3', later), true);
  assert.throws(() => new InMemoryReplayCache({ maxEntries: 0 }), TypeError);
});

test('a full replay cache takes new entries again once old ones expire', async () => {
  const cache = new InMemoryReplayCache({ maxEntries: 2 });
  const soon = Date.now() + 80;
  cache.seen('a', soon);
  cache.seen('b', soon);
  assert.throws(() => cache.seen('c', Date.now() + 60_000), ReplayStoreUnavailableError);
  await new Promise((resolve) => setTimeout(resolve, 120));
  assert.equal(cache.seen('c', Date.now() + 60_000), false);
  assert.equal(cache.size, 1);
});

test('nonces: current and previous window accepted, older refused, per secret', () => {
  const nonces = new DpopNonces({ secret: 'sixteen-bytes-at-least', windowSeconds: 60 });
  const t0 = 1_700_000_000_000;
  const nonce = nonces.issue(t0);
  assert.match(nonce, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(nonces.issue(t0 + 1), nonce, 'stable within a window');
  assert.equal(nonces.verify(nonce, t0), true);
  assert.equal(nonces.verify(nonce, t0 + 60_000), true, 'the previous window still counts');
  assert.equal(nonces.verify(nonce, t0 + 120_000), false, 'two windows later it is stale');
  assert.notEqual(nonces.issue(t0 + 60_000), nonce, 'a new window, a new nonce');
  const other = new DpopNonces({ secret: 'another-secret-of-16+', windowSeconds: 60 });
  assert.equal(other.verify(nonce, t0), false);
  assert.equal(nonces.verify(undefined, t0), false);
  assert.equal(nonces.verify(`${nonce}x`, t0), false);
});
