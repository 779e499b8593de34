// Node: the server entry's verification rates, side by side (DESIGN.md §8): our Bearer middleware
// next to express-oauth2-jwt-bearer's (Auth0's) on the same token, and every rate next to its limit,
// the bare node:crypto signature checks the request needs (RS256 for the token, ES256 for a DPoP
// proof). The tokens are signed by a key served from a local JWKS endpoint (fetched once, then
// cached, as in production); every proof has its own jti and is made before the clock starts.
// Ours and theirs run in alternating slices and the medians are kept, so a machine shared with other
// work slows both alike.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { createHash, generateKeyPairSync, randomUUID, sign, verify } from 'node:crypto';
import { createRequire } from 'node:module';
import { rsaKeyPair } from '../node/rsa-keys.mjs';

const serverEntry = new URL('../../lib/src/server/index.js', import.meta.url);
const require = createRequire(import.meta.url);

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
function jws(header, payload, privateKey) {
  const input = `${b64(header)}.${b64(payload)}`;
  const key = header.alg === 'ES256' ? { key: privateKey, dsaEncoding: 'ieee-p1363' } : privateKey;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}
const parts = (jwt) => {
  const dot = jwt.lastIndexOf('.');
  return { data: Buffer.from(jwt.slice(0, dot)), signature: Buffer.from(jwt.slice(dot + 1), 'base64url') };
};
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs `fn` with `inFlight` concurrent loops for `ms`; calls per second. */
async function rate(fn, inFlight, ms, budget) {
  let calls = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() - started < ms && budget.left > 0) {
        budget.left -= 1;
        await fn();
        calls += 1;
      }
    }),
  );
  return (calls / (performance.now() - started)) * 1000;
}

/** `sides` measured in `slices` alternating slices; the median rate of each. */
async function sideBySide(sides, { inFlight, maxMs, count, slices = 5 }) {
  const rates = sides.map(() => []);
  const budget = { left: Infinity };
  for (let slice = 0; slice < slices; slice += 1) {
    for (const [i, side] of sides.entries()) {
      budget.left = Math.ceil(count / slices);
      rates[i].push(await rate(side, inFlight, maxMs / slices / sides.length, budget));
    }
  }
  return rates.map(median);
}

/** A request as Express hands it to a middleware, and a `next` that settles a promise. */
function expressCall(middleware, headers) {
  const req = {
    headers,
    method: 'GET',
    protocol: 'https',
    url: '/messages',
    originalUrl: '/messages',
    query: {},
    body: undefined,
    get: (name) => headers[name.toLowerCase()] ?? (name.toLowerCase() === 'host' ? 'api.example.com' : undefined),
    is: () => false,
    app: { get: () => undefined },
  };
  const res = { setHeader() {} };
  return new Promise((resolve, reject) => middleware(req, res, (error) => (error ? reject(error) : resolve(req.auth))));
}

/**
 * The bench's server rows: Bearer (ours vs express-oauth2-jwt-bearer, and vs the limit) and DPoP
 * token + proof (vs the limit), 1 and 16 in flight. Null when the server entry is not built.
 */
export async function serverRows({ count, maxMs }) {
  if (!existsSync(serverEntry)) return [{ name: 'Node: server verification', note: 'server entry not built' }];
  const { ApiClient, auth } = await import(serverEntry.href);
  const theirs = require('express-oauth2-jwt-bearer');
  const theirVersion = require('express-oauth2-jwt-bearer/package.json').version;

  // Imported from DER, not fresh from a key-generation job (the Node 20 exportJWK deadlock).
  const rsa = rsaKeyPair();
  const jwk = { ...rsa.jwk, kid: 'bench', alg: 'RS256', use: 'sig' };
  const jwksServer = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  const domain = `http://127.0.0.1:${jwksServer.address().port}`;
  const rows = [];
  try {
    const audience = 'https://api.example.com';
    const url = 'https://api.example.com/messages';
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: `${domain}/`, aud: audience, sub: 'auth0|bench', iat: now, exp: now + 3600, scope: 'read:messages' };
    const header = { alg: 'RS256', kid: 'bench', typ: 'at+jwt' };
    const bearer = jws(header, claims, rsa.privateKey);

    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { crv, kty, x, y } = ec.publicKey.export({ format: 'jwk' });
    const proofJwk = { crv, kty, x, y };
    const jkt = createHash('sha256').update(JSON.stringify(proofJwk)).digest('base64url');
    const bound = jws(header, { ...claims, cnf: { jkt } }, rsa.privateKey);
    const ath = createHash('sha256').update(bound).digest('base64url');
    const proofs = Array.from({ length: count }, () =>
      jws({ typ: 'dpop+jwt', alg: 'ES256', jwk: proofJwk }, { htm: 'GET', htu: url, ath, jti: randomUUID(), iat: now }, ec.privateKey),
    );

    const ours = auth({ issuerBaseURL: domain, audience });
    const auth0 = theirs.auth({ issuer: `${domain}/`, jwksUri: `${domain}/.well-known/jwks.json`, audience, tokenSigningAlg: 'RS256' });
    const api = new ApiClient({ domain, audience });
    const bearerHeaders = { authorization: `Bearer ${bearer}`, host: 'api.example.com' };
    await expressCall(ours, bearerHeaders); // warm-up: JWKS fetched once
    await expressCall(auth0, bearerHeaders);

    // The limit: the signature checks alone, synchronous (1 in flight) or on the thread pool (16).
    const token = parts(bearer);
    const proof = parts(proofs[0]);
    const ecKey = { key: ec.publicKey, dsaEncoding: 'ieee-p1363' };
    const onPool = (key, { data, signature }) =>
      new Promise((resolve, reject) => verify('sha256', data, key, signature, (error, ok) => (error || !ok ? reject(error ?? new Error('bad')) : resolve())));
    const limit = {
      bearer: (inFlight) => (inFlight === 1 ? async () => verify('sha256', token.data, rsa.publicKey, token.signature) : () => onPool(rsa.publicKey, token)),
      dpop: (inFlight) =>
        inFlight === 1
          ? async () => verify('sha256', token.data, rsa.publicKey, token.signature) && verify('sha256', proof.data, ecKey, proof.signature)
          : () => Promise.all([onPool(rsa.publicKey, token), onPool(ecKey, proof)]),
    };
    const theirNote = `theirs: express-oauth2-jwt-bearer ${theirVersion}, same token`;
    for (const inFlight of [1, 16]) {
      const [our, their, bare] = await sideBySide(
        [() => expressCall(ours, bearerHeaders), () => expressCall(auth0, bearerHeaders), limit.bearer(inFlight)],
        { inFlight, maxMs, count: Infinity },
      );
      rows.push({ name: `Node: Bearer token verified per second (auth() middleware), ${inFlight} in flight`, ours: our, theirs: their, limit: bare, better: 'higher', note: `${theirNote}; limit: node:crypto RS256 verify alone` });
    }
    let next = 0;
    const dpopCall = () => api.verifyAccessToken({ headers: { authorization: `DPoP ${bound}`, dpop: proofs[next++ % proofs.length] }, method: 'GET', url });
    for (const inFlight of [1, 16]) {
      const before = next;
      const [our, bare] = await sideBySide([dpopCall, limit.dpop(inFlight)], { inFlight, maxMs, count: count / 2 });
      if (next - before > proofs.length / 2) throw new Error('bench: more DPoP verifications than proofs made');
      rows.push({ name: `Node: DPoP token + proof verified per second, ${inFlight} in flight`, ours: our, limit: bare, better: 'higher', note: 'no SPA SDK counterpart; limit: node:crypto RS256 + ES256 verify' });
    }
  } finally {
    await new Promise((resolve) => jwksServer.close(resolve));
  }
  return rows;
}
