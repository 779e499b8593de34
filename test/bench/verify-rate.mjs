// Node: verifyAccessToken of a DPoP-bound access token with its proof, per second. The token is
// signed by a key served from a local JWKS endpoint (the JWKS is fetched once, then cached, as in
// production); every proof has its own jti, made before the clock starts, so the replay cache
// accepts each once and only verification is timed.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { rsaKeyPair } from '../node/rsa-keys.mjs';

const serverEntry = new URL('../../lib/src/server/index.js', import.meta.url);

export async function verifyAccessTokenRate({ count, maxMs, inFlight = 1 }) {
  if (!existsSync(serverEntry)) return null;
  const { ApiClient } = await import(serverEntry.href);
  // Imported from DER, not fresh from a key-generation job (the Node 20 exportJWK deadlock).
  const signing = rsaKeyPair();
  const jwk = { ...signing.jwk, kid: 'bench', alg: 'RS256', use: 'sig' };
  const jwks = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const domain = `http://127.0.0.1:${jwks.address().port}`;
  try {
    const audience = 'https://api.example.com';
    const proofKey = await generateKeyPair('ES256');
    const proofJwk = await exportJWK(proofKey.publicKey);
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ scope: 'read:messages', cnf: { jkt: await calculateJwkThumbprint(proofJwk) } })
      .setProtectedHeader({ alg: 'RS256', kid: 'bench', typ: 'at+jwt' })
      .setIssuer(`${domain}/`).setAudience(audience).setSubject('auth0|bench')
      .setIssuedAt(now).setExpirationTime(now + 3600).sign(signing.privateKey);
    const url = 'https://api.example.com/messages';
    const ath = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))).toString('base64url');
    const proofs = [];
    for (let i = 0; i < count; i += 1) {
      proofs.push(
        await new SignJWT({ htm: 'GET', htu: url, ath, jti: crypto.randomUUID(), iat: now })
          .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: proofJwk })
          .sign(proofKey.privateKey),
      );
    }
    const api = new ApiClient({ domain, audience });
    const headersFor = (proof) => ({ authorization: `DPoP ${token}`, dpop: proof });
    await api.verifyAccessToken({ headers: headersFor(proofs.pop()), method: 'GET', url }); // warm-up: JWKS
    // A server verifies many requests at once, and WebCrypto runs on libuv's thread pool: keep
    // `inFlight` verifications going, as concurrent requests would.
    let verified = 0;
    const started = performance.now();
    const worker = async () => {
      while (proofs.length && performance.now() - started < maxMs) {
        await api.verifyAccessToken({ headers: headersFor(proofs.pop()), method: 'GET', url });
        verified += 1;
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    return { verified, inFlight, perSecond: (verified / (performance.now() - started)) * 1000 };
  } finally {
    await new Promise((resolve) => jwks.close(resolve));
  }
}
