// Sessions are bound to their tenant, and claims are data. An injected <auth0-provider> with the
// real client id but another domain (the attacker's stand-in server) reads nothing of the real
// session in any cache mode and sends nothing; a claim named __proto__ changes no prototype.
import { expect, oneEvent } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { Auth0Client, MissingRefreshTokenError, type Auth0Provider } from '../../../components/index.js';
import { inspectableCache, popupLogin } from '../engine/helpers.js';
import { clean, edge, info, inject, settle, signedIn, wire } from './helpers.js';

/** Every secret the real session holds, as far as the page can see them (tests only). */
async function secrets(provider: Auth0Provider): Promise<string[]> {
  const tokens = await provider.client!.getTokenSilently({ cacheMode: 'cache-only', detailedResponse: true });
  const stored = Object.values(localStorage).flatMap((value) => [...value.matchAll(/"refresh_token":"([^"]+)"/g)].map((m) => m[1]));
  return [tokens.access_token, tokens.id_token, ...stored].filter(Boolean);
}

/** Injects a provider for `domain` (the real client id) and waits for its first settled status. */
async function injectProvider(attributes: string): Promise<{ block: HTMLElement; status: string }> {
  const { clients } = await info();
  const block = inject(
    document.body,
    `<auth0-provider client-id="${clients.spa.clientId}" ${attributes}>
       <auth0-user></auth0-user><auth0-fetch src="/__security/api/injected"></auth0-fetch></auth0-provider>`,
  );
  const { detail } = await oneEvent(block, 'auth0-ready');
  return { block, status: detail.status };
}

describe('security: a session is used only with the tenant that issued it', () => {
  let evil: string;

  before(async () => {
    ({ evil } = await edge.info());
  });
  beforeEach(clean);

  for (const mode of ['memory', 'localstorage']) {
    it(`${mode}: an injected provider for another domain ends anonymous and sends nothing`, async () => {
      const { issuer } = await info();
      const provider = await signedIn({ 'use-refresh-tokens': '', 'cache-location': mode });
      const held = await secrets(provider);
      expect(held.length).to.be.at.least(mode === 'localstorage' ? 3 : 2);
      // The attacker's domain, and the same with the real issuer claimed (`issuer` only names the
      // expected `iss`; the tokens would still go to the attacker's domain).
      for (const claim of ['', `issuer="${issuer}"`]) {
        const { block, status } = await injectProvider(`domain="${evil}" ${claim} cache-location="${mode}" use-refresh-tokens`);
        expect(status, claim || 'no issuer').to.equal('anonymous');
        const injected = block.querySelector('auth0-provider') as Auth0Provider;
        expect(await injected.client!.getUser()).to.equal(undefined);
        expect(await injected.client!.getTokenSilently({ cacheMode: 'off' }).catch((e) => e)).to.be.instanceOf(MissingRefreshTokenError);
        await settle();
        expect(await edge.requests('evil'), 'at the attacker’s server').to.deep.equal([]);
        expect(await edge.requests('self'), 'no injected fetch ran').to.deep.equal([]);
        block.remove();
      }
      // The real session is untouched: its refresh token still works at its own tenant.
      expect(await provider.client!.getTokenSilently({ cacheMode: 'off' })).to.be.a('string');
      expect((await tenant.control<any[]>('tokenRequests', { grantType: 'refresh_token' })).map((r) => r.status)).to.deep.equal([200]);
    });
  }

  it('localstorage without refresh tokens: the injected provider only reaches its own /authorize, with no secret', async () => {
    const provider = await signedIn({ 'cache-location': 'localstorage' });
    const held = await secrets(provider);
    const { block, status } = await injectProvider(`domain="${evil}" cache-location="localstorage" authorize-timeout="1"`);
    expect(status).to.not.equal('authenticated');
    const seen = await edge.requests('evil');
    expect(seen.map((r) => r.path)).to.deep.equal(['/authorize']);
    for (const secret of held) expect(wire(seen[0]).includes(secret.slice(-24))).to.equal(false);
    block.remove();
  });

  it('custom cache: an engine for another domain finds no session and sends no refresh token', async () => {
    const { domain, clients, issuer } = await info();
    const cache = inspectableCache();
    const real = new Auth0Client({ domain, clientId: clients.spa.clientId, cache, useRefreshTokens: true });
    await popupLogin(real);
    await edge.reset();
    for (const options of [{}, { issuer }]) {
      const other = new Auth0Client({ domain: evil, clientId: clients.spa.clientId, cache, useRefreshTokens: true, ...options });
      await other.checkSession();
      expect(other.state.status).to.equal('anonymous');
      expect(await other.getIdTokenClaims()).to.equal(undefined);
      expect(await other.getTokenSilently({ cacheMode: 'off' }).catch((e) => e)).to.be.instanceOf(MissingRefreshTokenError);
    }
    await settle();
    expect(await edge.requests('evil')).to.deep.equal([]);
    expect(await real.getTokenSilently({ cacheMode: 'off' })).to.be.a('string');
  });

  it('a login in flight is finished only by an engine of the tenant that started it', async () => {
    const { domain, clients } = await info();
    const real = new Auth0Client({ domain, clientId: clients.spa.clientId });
    let authorizeUrl = '';
    await real.loginWithRedirect({ openUrl: (url) => void (authorizeUrl = url) });
    const state = new URL(authorizeUrl).searchParams.get('state')!;
    const callback = `${location.origin}/?code=stolen-code&state=${state}`;
    const other = new Auth0Client({ domain: evil, clientId: clients.spa.clientId });
    expect(await other.handleRedirectCallback(callback).catch((e) => e)).to.include({ error: 'missing_transaction' });
    await settle();
    expect(await edge.requests('evil'), 'no code and no PKCE verifier sent').to.deep.equal([]);
    // Still there for its own engine, which sends the code to its own tenant (a made-up code: refused there).
    await tenant.control('resetRequests');
    expect(await real.handleRedirectCallback(callback).catch((e) => e)).to.include({ error: 'invalid_grant' });
    expect(await tenant.control<any[]>('tokenRequests', { grantType: 'authorization_code' })).to.have.length(1);
  });
});

describe('security: claims are data', () => {
  beforeEach(clean);

  it('ID-token claims named __proto__, constructor and prototype change no prototype', async () => {
    await tenant.control('tamperIdToken', 'proto-claims');
    const provider = await signedIn({ 'cache-location': 'localstorage' });
    const block = inject(provider, `<auth0-user field="__proto__"></auth0-user><auth0-if claim="polluted"><p>polluted</p></auth0-if>`);
    await Promise.all([...block.children].map((el) => (el as any).updateComplete));
    const { domain, clients } = await info();
    // As this page has it, and as the next page load reads it back from localStorage.
    const reloaded = new Auth0Client({ domain, clientId: clients.spa.clientId, cacheLocation: 'localstorage' });
    for (const client of [provider.client!, reloaded]) {
      const user = (await client.getUser())!;
      const claims = (await client.getIdTokenClaims())!;
      expect(user.sub).to.equal((await info()).users.alice.sub);
      expect(Object.getPrototypeOf(user)).to.equal(Object.prototype);
      expect(Object.getPrototypeOf(claims)).to.equal(Object.prototype);
      expect(user.polluted).to.equal(undefined);
      expect(claims.polluted).to.equal(undefined);
      // Both keep them, as plain own data.
      for (const object of [user, claims]) {
        expect(Object.getOwnPropertyDescriptor(object, '__proto__')?.value).to.deep.equal({ polluted: true });
        expect(Object.getOwnPropertyDescriptor(object, 'constructor')?.value).to.equal('evil');
        expect(Object.getOwnPropertyDescriptor(object, 'prototype')?.value).to.deep.equal({ polluted: true });
      }
    }
    expect(({} as any).polluted).to.equal(undefined);
    expect(provider.status).to.equal('authenticated');
    expect(block.querySelector('auth0-if p')!.checkVisibility()).to.equal(false);
    // Rendered as what it is: text.
    expect(block.querySelector('auth0-user')!.shadowRoot!.textContent!.trim()).to.equal('{"polluted":true}');
  });
});
