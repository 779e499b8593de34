// The Redis replay store and nonce state across processes (issue 15 item 3), against a real
// redis-server: REDIS_URL from .ci/run, or one started here. Two API processes share one Redis: a
// proof used on one is refused on the other, a nonce issued by one is accepted by the other; a Redis
// outage (cut at a TCP proxy) fails closed with a typed 503, and verification comes back with Redis.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { RedisReplayStore, ReplayStoreUnavailableError } from '../../lib/src/server/index.js';
import { createDpopKey, startEdgeTenant } from './server-fixtures.mjs';
import { startProxy, testRedis } from './server-redis-support.mjs';

const audience = 'https://api.example.com';
const baseUrl = 'https://api.example.com';
const htu = `${baseUrl}/api/messages`;
const redis = await testRedis();
if (redis.missing) {
  console.log(`Redis is absent: ${redis.missing}`);
  if (process.env.CI === 'true') test('Redis is available for the Redis tests (CI=true)', () => assert.fail(`Redis is absent: ${redis.missing}`));
}
const skip = redis.missing ? `Redis is absent: ${redis.missing}` : false;

let edge;
let proxy;
const processes = [];

/** Starts one API process on the proxy's Redis; resolves with its URL. */
function startApiProcess(prefix) {
  const child = spawn(process.execPath, [new URL('./server-redis-api.mjs', import.meta.url).pathname], {
    env: { ...process.env, API_PROCESS_CONFIG: JSON.stringify({ redisUrl: proxy.url, prefix, domain: edge.domain, audience, baseUrl }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  processes.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`API process did not start: ${output}`)), 15_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const url = /listening (http:\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.on('exit', (code) => reject(new Error(`API process exited (${code}): ${output}`)));
  });
}

before(async () => {
  if (skip) return;
  console.log(`Redis: ${redis.source}`);
  edge = await startEdgeTenant();
  proxy = await startProxy(redis.url);
});
after(async () => {
  for (const child of processes) child.kill('SIGTERM');
  await edge?.close();
  await proxy?.down().catch(() => {});
  await redis.close?.();
});

async function call(apiUrl, { token, proof }) {
  const response = await fetch(`${apiUrl}/api/messages`, { headers: { authorization: `DPoP ${token}`, dpop: proof } });
  const body = await response.json();
  return { status: response.status, body, nonce: response.headers.get('dpop-nonce'), headers: response.headers };
}

describe('RedisReplayStore on a real Redis', { skip, timeout: 60_000 }, () => {
  test('SET NX PXAT: first use false, a replay true, gone after expiry; keys prefixed', async () => {
    const store = await RedisReplayStore.connect({ url: redis.url, prefix: `t-${randomUUID()}:` });
    try {
      const key = randomUUID();
      assert.equal(await store.seen(key, Date.now() + 300), false);
      assert.equal(await store.seen(key, Date.now() + 300), true);
      await new Promise((resolve) => setTimeout(resolve, 450));
      assert.equal(await store.seen(key, Date.now() + 60_000), false, 'expired in Redis');
      const secret = await store.nonceSecret();
      assert.ok(secret.length >= 32);
      assert.equal(await store.nonceSecret(), secret, 'created once, then read');
    } finally {
      await store.close();
    }
  });

  test('options are checked; an unreachable Redis at connect is a typed error', async () => {
    await assert.rejects(RedisReplayStore.connect({}), TypeError);
    await assert.rejects(RedisReplayStore.connect({ url: 'http://x' }), TypeError);
    await assert.rejects(RedisReplayStore.connect({ url: redis.url, client: { sendCommand() {} } }), TypeError);
    const down = await startProxy(redis.url);
    await down.down();
    await assert.rejects(RedisReplayStore.connect({ url: down.url, timeoutMs: 300 }), ReplayStoreUnavailableError);
  });
});

describe('two API processes sharing one Redis', { skip, timeout: 90_000 }, () => {
  let a;
  let b;
  let key;
  let token;
  before(async () => {
    if (skip) return;
    const prefix = `api-${randomUUID()}:`;
    [a, b] = await Promise.all([startApiProcess(prefix), startApiProcess(prefix)]);
    key = await createDpopKey();
    token = await edge.mintAccessToken({ cnf: { jkt: key.jkt } });
  });

  /** A proof with a nonce: the first call answers use_dpop_nonce with one (from either process). */
  async function nonceFrom(apiUrl) {
    const first = await call(apiUrl, { token, proof: await key.proof({ htu, accessToken: token }) });
    assert.equal(first.status, 401);
    assert.equal(first.body.error, 'use_dpop_nonce');
    assert.ok(first.nonce);
    return first.nonce;
  }

  test('a nonce issued by one process is accepted by the other; a proof used on one is refused on the other', async () => {
    const nonce = await nonceFrom(a);
    const proof = await key.proof({ htu, accessToken: token, overrides: { nonce } });
    const onB = await call(b, { token, proof });
    assert.equal(onB.status, 200, JSON.stringify(onB.body));
    const replayOnA = await call(a, { token, proof });
    assert.equal(replayOnA.status, 401);
    assert.equal(replayOnA.body.error, 'invalid_dpop_proof');
    assert.match(replayOnA.headers.get('www-authenticate'), /already used/);
    assert.notEqual(replayOnA.body.pid, onB.body.pid, 'two processes answered');
    const fresh = await call(a, { token, proof: await key.proof({ htu, accessToken: token, overrides: { nonce } }) });
    assert.equal(fresh.status, 200);
  });

  test('Redis cut off: 503 temporarily_unavailable with Retry-After (fail closed); Redis back: verification is back', async () => {
    const nonce = await nonceFrom(b);
    await proxy.down();
    try {
      for (const apiUrl of [a, b]) {
        const proof = await key.proof({ htu, accessToken: token, overrides: { nonce } });
        const outage = await call(apiUrl, { token, proof });
        assert.equal(outage.status, 503, JSON.stringify(outage.body));
        assert.equal(outage.body.error, 'temporarily_unavailable');
        assert.match(outage.headers.get('retry-after'), /^\d+$/);
      }
    } finally {
      await proxy.up();
    }
    const deadline = Date.now() + 15_000;
    const statuses = [];
    for (const apiUrl of [a, b]) {
      for (;;) {
        const answer = await call(apiUrl, { token, proof: await key.proof({ htu, accessToken: token, overrides: { nonce } }) });
        statuses.push(answer.status);
        if (answer.status === 200) break;
        assert.equal(answer.status, 503, 'only 503 while Redis reconnects');
        assert.ok(Date.now() < deadline, `verification did not come back: ${statuses.join(' ')}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  });
});
