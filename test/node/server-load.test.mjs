// The middleware under load (issue 15 item 5): 64 requests in flight for a few seconds, valid,
// replayed and forged DPoP requests mixed, the tenant's JWKS down for a moment in the middle. A
// bounded test, not a timed assertion: every answer must be the right verdict, the replay store
// must stay within its limit, and the JWKS outage must give typed 503s (unknown kid) while known
// keys keep verifying — no crash, no wrong 200.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import express from 'express';
import { generateKeyPair } from 'jose';
import { auth, InMemoryReplayCache } from '../../lib/src/server/index.js';
import { createDpopKey, startEdgeTenant } from './server-fixtures.mjs';

const audience = 'https://api.example.com';
const baseUrl = 'https://api.example.com';
const htu = `${baseUrl}/api/messages`;
const IN_FLIGHT = 64;
const DURATION_MS = 6000;
const OUTAGE_MS = 3000;
const MAX_ENTRIES = 50_000;

let edge;
let server;
let origin;
const replayStore = new InMemoryReplayCache({ maxEntries: MAX_ENTRIES });

before(async () => {
  edge = await startEdgeTenant();
  const app = express();
  app.set('env', 'test');
  // jwks.maxAge 1 s: the outage below hits the refresh path, not just a warm cache.
  app.use(auth({ issuerBaseURL: edge.domain, audience, baseUrl, jwks: { maxAge: 1 }, dpop: { replayStore } }));
  app.get('/api/messages', (req, res) => res.json({ sub: req.auth.payload.sub }));
  app.use((error, req, res, next) => res.status(error.status ?? 500).set(error.headers ?? {}).json({ error: error.error ?? 'server_error' }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
});
after(async () => {
  server.closeAllConnections();
  server.close();
  await edge.close();
});

test('64 in flight, valid / replayed / forged mixed, JWKS down for 3 s: zero wrong verdicts, bounded store', { timeout: 120_000 }, async () => {
  const clients = await Promise.all(
    Array.from({ length: 8 }, async (_, i) => {
      const key = await createDpopKey();
      return { key, token: await edge.mintAccessToken({ cnf: { jkt: key.jkt }, sub: `auth0|user-${i}` }) };
    }),
  );
  const outsider = (await generateKeyPair('RS256')).privateKey;
  const otherProofKey = (await generateKeyPair('ES256')).privateKey;
  const accepted = []; // proofs that passed once, to replay
  const counts = {};
  const wrong = [];
  let outage = false;
  let outageAnswers = 0;

  /** One request of a random kind; returns [kind, expected, got]. */
  async function one(n) {
    const client = clients[n % clients.length];
    const roll = Math.random();
    let kind;
    let token = client.token;
    let proof;
    if (outage && roll < 0.15) {
      kind = 'unknown kid while the JWKS is down';
      token = await edge.mintAccessToken({ cnf: { jkt: client.key.jkt } }, { kid: `rotated-${n}`, key: outsider });
      proof = await client.key.proof({ htu, accessToken: token });
    } else if (roll < 0.45) {
      kind = 'valid';
      proof = await client.key.proof({ htu, accessToken: token });
    } else if (roll < 0.65 && accepted.length) {
      kind = 'replayed';
      ({ token, proof } = accepted[Math.floor(Math.random() * accepted.length)]);
    } else if (roll < 0.75) {
      kind = 'forged proof signature';
      proof = await client.key.proof({ htu, accessToken: token, key: otherProofKey });
    } else if (roll < 0.85) {
      kind = 'forged token signature';
      token = await edge.mintAccessToken({ cnf: { jkt: client.key.jkt } }, { key: outsider });
      proof = await client.key.proof({ htu, accessToken: token });
    } else {
      kind = 'proof for another URL';
      proof = await client.key.proof({ htu: `${baseUrl}/api/other`, accessToken: token });
    }
    const response = await fetch(`${origin}/api/messages`, { headers: { authorization: `DPoP ${token}`, dpop: proof } });
    const body = await response.json();
    const expected = {
      valid: [200],
      replayed: [401, 'invalid_dpop_proof'],
      'forged proof signature': [401, 'invalid_dpop_proof'],
      'forged token signature': [401, 'invalid_token'],
      'proof for another URL': [401, 'invalid_dpop_proof'],
      'unknown kid while the JWKS is down': [503, 'network_error'],
    }[kind];
    const got = response.status === 200 ? [200] : [response.status, body.error];
    if (kind === 'valid' && response.status === 200) accepted.push({ token, proof });
    // An unknown kid waits for the next JWKS fetch (up to the 2 s cooldown): if the JWKS is back
    // by then, the key is simply not there, and invalid_token is the right verdict too.
    const alsoRight = kind.startsWith('unknown kid') && got[0] === 401 && got[1] === 'invalid_token';
    counts[kind] = (counts[kind] ?? 0) + 1;
    if (got[0] === 503) outageAnswers += 1;
    if (!alsoRight && JSON.stringify(got) !== JSON.stringify(expected)) wrong.push(`${kind}: expected ${expected.join(' ')}, got ${got.join(' ')}`);
  }

  const started = performance.now();
  let n = 0;
  const outageTimer = setTimeout(() => {
    edge.jwksStatus = 503;
    outage = true;
    setTimeout(() => {
      outage = false;
      edge.jwksStatus = 200;
    }, OUTAGE_MS);
  }, (DURATION_MS - OUTAGE_MS) / 2);
  try {
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (performance.now() - started < DURATION_MS) await one(n++);
      }),
    );
  } finally {
    clearTimeout(outageTimer);
    edge.jwksStatus = 200;
  }
  console.log(`load: ${n} requests in ${Math.round(performance.now() - started)} ms, ${JSON.stringify(counts)}, replay store ${replayStore.size}`);
  assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} wrong verdicts`);
  assert.ok(counts.valid > 50 && counts.replayed > 20, JSON.stringify(counts));
  assert.ok(outageAnswers > 0, `the outage was answered with typed 503s: ${outageAnswers}`);
  assert.ok(replayStore.size <= MAX_ENTRIES);
  assert.ok(replayStore.size >= counts.valid, 'every accepted proof is remembered');
});
