// Network-edge fixtures for the server-entry tests (not a test file itself): a minimal tenant edge
// (JWKS + token endpoint on 127.0.0.1:0, tokens minted with jose) for cases the local tenant
// cannot produce, and a DPoP client key that writes proofs the way a browser engine would.
import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { rsaKeyPair } from './rsa-keys.mjs';

/** Listens on 127.0.0.1:0 and closes every socket (hung ones too) on close(). */
export async function listen(handler) {
  const sockets = new Set();
  const server = createServer(handler);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

/**
 * A tenant edge: `GET /.well-known/jwks.json` and `POST /oauth/token`. `token` decides the token
 * endpoint's answer per request: `(form) => ({status, body})`, or `'hang'`, `'reset'`.
 */
export async function startEdgeTenant() {
  const kid = 'edge-key-1';
  const { privateKey, jwk: publicJwk } = rsaKeyPair();
  const jwk = { ...publicJwk, kid, alg: 'RS256', use: 'sig' };
  const edge = {
    /** Every request seen: {method, path, form?}. */
    requests: [],
    jwksStatus: 200,
    token: () => ({ status: 500, body: { error: 'server_error', error_description: 'no token handler set' } }),
  };
  const server = await listen(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const body = await readBody(req);
    const form = req.method === 'POST' ? Object.fromEntries(new URLSearchParams(body)) : undefined;
    edge.requests.push({ method: req.method, path, form, contentType: req.headers['content-type'] });
    if (path === '/.well-known/jwks.json') {
      res.writeHead(edge.jwksStatus, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    if (path === '/oauth/token' && req.method === 'POST') {
      const answer = edge.token(form);
      if (answer === 'hang') return; // never answers; close() destroys the socket
      if (answer === 'reset') return req.socket.destroy();
      res.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
      return;
    }
    res.writeHead(404).end();
  });
  const issuer = `${server.origin}/`;
  Object.assign(edge, {
    domain: server.origin,
    issuer,
    close: server.close,
    /**
     * An RS256 access token from this edge. `claims` override the defaults; `options.key` /
     * `options.alg` / `options.kid` sign it differently (bad signature, HS256, unknown kid).
     */
    async mintAccessToken(claims = {}, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload = {
        iss: issuer,
        sub: 'auth0|alice',
        aud: 'https://api.example.com',
        iat: now,
        exp: now + 300,
        scope: 'read:messages',
        ...claims,
      };
      for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
      return new SignJWT(payload)
        .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? kid, typ: 'at+jwt' })
        .sign(options.key ?? privateKey);
    },
  });
  return edge;
}

export const sha256 = (value) => createHash('sha256').update(value).digest('base64url');

/** A client's ES256 DPoP key, as a browser engine holds one, and proofs signed with it. */
export async function createDpopKey() {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const privateJwk = await exportJWK(privateKey);
  const { calculateJwkThumbprint } = await import('jose');
  return {
    publicJwk,
    privateJwk,
    jkt: await calculateJwkThumbprint(publicJwk, 'sha256'),
    /**
     * A proof for `htm` `htu` carrying `ath` of `accessToken`. `overrides` replace or (with
     * undefined) remove claims; `header` replaces header members; `key` signs with another key.
     */
    async proof({ htm = 'GET', htu, accessToken, overrides = {}, header = {}, key, alg = 'ES256' }) {
      const payload = {
        jti: randomUUID(),
        htm,
        htu,
        iat: Math.floor(Date.now() / 1000),
        ...(accessToken ? { ath: sha256(accessToken) } : {}),
        ...overrides,
      };
      for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
      return new SignJWT(payload)
        .setProtectedHeader({ typ: 'dpop+jwt', alg, jwk: publicJwk, ...header })
        .sign(key ?? privateKey);
    },
  };
}

/** An unsigned JWT (`alg: none`), as an attacker would send one. */
export function unsignedJwt(header, payload) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(payload)}.`;
}
