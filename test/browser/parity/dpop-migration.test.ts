// Migrating from the SPA SDK. DPoP: the key store is the SPA SDK's IndexedDB layout (database `auth0-spa-js`, stores
// `keypair` / `nonce`, keys `<clientId>::auth0`), so after a user logged in with the real SDK and
// the app switched to our engine, ours signs with the very key the SDK made — the tenant's session
// and the tokens stay bound to it (the proof's jwk, dpop_jkt and the token's cnf.jkt all match).
import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { cleanSlate, facts } from './harness.js';

function openSide(lib: 'sdk' | 'ours'): Promise<{ frame: HTMLIFrameElement; lib: any }> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    const timer = setTimeout(() => reject(new Error(`side ${lib} not ready`)), 15_000);
    const listener = (event: MessageEvent) => {
      if (event.origin !== location.origin || event.data?.type !== 'parity-side-ready' || event.source !== frame.contentWindow) return;
      clearTimeout(timer);
      removeEventListener('message', listener);
      resolve({ frame, lib: (frame.contentWindow as any).parityLib });
    };
    addEventListener('message', listener);
    frame.src = `/test/fixtures/parity/side.html?lib=${lib}`;
    document.body.append(frame);
  });
}

const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const part = (jwt: string, i: number) => JSON.parse(atob(jwt.split('.')[i].replace(/-/g, '+').replace(/_/g, '/')));

/** The RFC 7638 thumbprint of the EC key in a DPoP proof's header. */
async function proofThumbprint(proof: string): Promise<string> {
  const { crv, kty, x, y } = part(proof, 0).jwk;
  return b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify({ crv, kty, x, y })))));
}

async function tokenProofs(): Promise<string[]> {
  return (await tenant.control<Array<{ dpop?: string }>>('tokenRequests')).map((r) => r.dpop!).filter(Boolean);
}

describe('parity: DPoP key migration from the SPA SDK', function () {
  this.timeout(60_000);

  it('logged in with the SDK (useDpop), reloaded with ours: the same key signs, the new token is bound to it', async () => {
    await cleanSlate();
    const f = await facts();
    const options = { domain: f.domain, clientId: f.clientId, useDpop: true, authorizationParams: { audience: f.apis.default } };

    const sdk = await openSide('sdk');
    const sdkClient = new sdk.lib.Auth0Client(options);
    const login = sdkClient.loginWithPopup();
    await tenant.login(f.users.alice.username, f.users.alice.password);
    await login;
    const [sdkProof] = await tokenProofs();
    expect(sdkProof, 'the SDK sent a DPoP proof').to.be.a('string');
    const sdkKey = await proofThumbprint(sdkProof);
    sdk.frame.remove();
    expect((await indexedDB.databases()).map((db) => db.name)).to.include('auth0-spa-js');

    // The app now runs on our engine (a new page: nothing in memory, the tenant session and IndexedDB stay).
    await tenant.control('resetRequests');
    const ours = await openSide('ours');
    try {
      const client = new ours.lib.Auth0Client(options);
      await client.checkSession();
      expect(await client.isAuthenticated(), 'the tenant session renews the login').to.equal(true);
      const token = await client.getTokenSilently({ detailedResponse: true });
      expect(token.token_type).to.equal('DPoP');
      const proofs = await tokenProofs();
      expect(proofs).to.have.length.greaterThan(0);
      for (const proof of proofs) expect(await proofThumbprint(proof), "ours signs with the SDK's key").to.equal(sdkKey);
      const authorize = await tenant.control<Array<{ dpopJkt?: string }>>('requests', { path: '/authorize' });
      for (const request of authorize) if (request.dpopJkt) expect(request.dpopJkt).to.equal(sdkKey);
      expect(part(token.access_token, 1).cnf?.jkt, 'the new access token is bound to that key').to.equal(sdkKey);
    } finally {
      ours.frame.remove();
    }
  });

  // README table: entries without the tenant ours records are not read, the SDK's included.
  it("a session the SDK stored in localStorage is not read by ours: the tenant session (silent iframe, useRefreshTokensFallback) renews it", async () => {
    await cleanSlate();
    const f = await facts();
    const options = { domain: f.domain, clientId: f.clientId, useRefreshTokens: true, cacheLocation: 'localstorage', authorizationParams: { audience: f.apis.default } };
    const sdk = await openSide('sdk');
    const login = new sdk.lib.Auth0Client(options).loginWithPopup();
    await tenant.login(f.users.alice.username, f.users.alice.password);
    await login;
    sdk.frame.remove();
    const sdkKeys = Object.keys(localStorage).filter((key) => key.startsWith('@@auth0spajs@@'));
    expect(sdkKeys, 'the SDK stored its session').to.have.length.greaterThan(0);

    await tenant.control('resetRequests');
    const ours = await openSide('ours');
    try {
      const client = new ours.lib.Auth0Client({ ...options, useRefreshTokensFallback: true });
      await client.checkSession();
      expect(await client.isAuthenticated(), 'renewed through the tenant session').to.equal(true);
      const grants = (await tenant.control<Array<{ grantType?: string }>>('tokenRequests')).map((r) => r.grantType);
      expect(grants, "no refresh with the SDK's refresh token: the silent iframe's code").to.deep.equal(['authorization_code']);
      expect((await client.getUser())?.sub).to.equal(f.users.alice.sub);
    } finally {
      ours.frame.remove();
    }
  });
});
