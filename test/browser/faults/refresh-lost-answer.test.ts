// A refresh answer lost at the network edge, before or after the tenant processed the request
// (demo/tenant/faults.js damages the real answer; nothing above the tenant is stubbed): the
// session survives whenever a path remains — the tenant's reuse interval for a second try, the
// tenant session (silent iframe) instead of resending a token that may be used up — and
// `Retry-After` on 429/503 is waited for.
import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { cleanSlate, engineTab, failure, localStorageEntries, newClient, popupLogin, refreshGrants, sleep, tokenRequests } from '../refresh/helpers.js';

type Kind = 'reset-after' | 'truncated-after' | 'cut-json-after' | 'slow-after';
const AFTER: Kind[] = ['reset-after', 'truncated-after', 'cut-json-after', 'slow-after'];

const storedRefreshTokens = async () => new Set([...(await localStorageEntries()).values()].map((e) => e.body?.refresh_token).filter(Boolean));
const authorizeRequests = () => tenant.control<any[]>('requests', { path: '/authorize' });

for (const cacheLocation of ['memory', 'localstorage'] as const) {
  describe(`a lost refresh answer (${cacheLocation})`, function () {
    this.timeout(40_000);
    beforeEach(cleanSlate);
    afterEach(async () => {
      await tenant.control('clearFaults');
      await tenant.control('refreshTokenReuseInterval', null);
    });

    async function loggedIn(options: Record<string, unknown> = {}) {
      const client = await newClient({ useRefreshTokens: true, cacheLocation, httpTimeoutInSeconds: 2, ...options });
      await popupLogin(client);
      await tenant.control('resetRequests');
      return client;
    }

    for (const kind of AFTER) {
      it(`${kind}, tenant reuse interval 30 s: sent once more at once, accepted; the session goes on`, async () => {
        await tenant.control('refreshTokenReuseInterval', 30);
        const client = await loggedIn();
        await tenant.control('fault', 'token', kind);
        expect(await client.getTokenSilently({ cacheMode: 'off' })).to.be.a('string');
        expect(client.state.status).to.equal('authenticated');
        // Chromium itself resends a POST reset before any byte on a reused connection: either way
        // the tenant processed it twice, and never refused it.
        const statuses = (await refreshGrants()).map((g) => g.status);
        expect(statuses.filter((s) => s === 400), 'no reuse detected').to.deep.equal([]);
        expect(statuses.length).to.be.within(2, 3);
        expect(await client.getTokenSilently({ cacheMode: 'off' })).to.be.a('string');
        expect((await refreshGrants()).at(-1)!.status).to.equal(200);
        if (cacheLocation === 'localstorage') expect((await storedRefreshTokens()).size).to.equal(1);
      });
    }

    for (const kind of ['truncated-after', 'cut-json-after', 'slow-after'] as const) {
      it(`${kind}, no reuse interval (Auth0's default), useRefreshTokensFallback: the tenant session recovers; the token is never sent again`, async () => {
        const client = await loggedIn({ useRefreshTokensFallback: true });
        await tenant.control('fault', 'token', kind);
        expect(await client.getTokenSilently({ cacheMode: 'off' })).to.be.a('string');
        expect(client.state.status).to.equal('authenticated');
        // One refresh grant, not resent (a damaged answer is logged with the status it could send: 0 or 200).
        const [lost, ...resent] = await refreshGrants();
        expect(resent, 'not sent again').to.deep.equal([]);
        expect(lost.status).to.be.oneOf([0, 200]);
        expect((await authorizeRequests()).map((r) => r.prompt)).to.deep.equal(['none']);
        // The iframe's refresh token serves the next refresh: no reuse, no second iframe.
        expect(await client.getTokenSilently({ cacheMode: 'off' })).to.be.a('string');
        expect((await refreshGrants()).slice(1).map((g) => g.status)).to.deep.equal([200]);
        expect(await authorizeRequests()).to.have.length(1);
      });
    }

    it('hang before processing: past the HTTP timeout the same token is sent again and works', async () => {
      const client = await loggedIn();
      await tenant.control('fault', 'token', 'hang');
      expect(await client.getTokenSilently({ cacheMode: 'off' })).to.be.a('string');
      expect((await refreshGrants()).map((g) => g.status)).to.deep.equal([0, 200]);
    });

    it('malformed (200, not JSON) before processing: sent again, works', async () => {
      const client = await loggedIn();
      await tenant.control('fault', 'token', 'malformed');
      expect(await client.getTokenSilently({ cacheMode: 'off' })).to.be.a('string');
      expect((await refreshGrants()).map((g) => g.status)).to.deep.equal([200, 200]);
    });

    it('lost 3 times (no reuse interval, no tenant session path): a typed error, and a later call still works when the tenant never processed it', async () => {
      const client = await loggedIn();
      await tenant.control('fault', 'token', 'hang', 3);
      const error = await failure(client.getTokenSilently({ cacheMode: 'off' }));
      expect(error.error).to.equal('timeout');
      expect(client.state.status).to.equal('authenticated');
      expect(await client.getTokenSilently({ cacheMode: 'off' })).to.be.a('string');
    });

    for (const status of ['429', '503'] as const) {
      it(`${status} with Retry-After: 1 → waits that long, sends once more, gets the token`, async () => {
        const client = await loggedIn();
        await tenant.control('fault', 'token', status);
        expect(await client.getTokenSilently({ cacheMode: 'off' })).to.be.a('string');
        const grants = await tenant.control<any[]>('tokenRequests', { grantType: 'refresh_token' });
        expect(grants.map((g) => g.status)).to.deep.equal([Number(status), 200]);
        expect(grants[1].at - grants[0].at, 'Retry-After honoured').to.be.at.least(950);
      });
    }

    it('429 twice: the tenant’s error, typed, after one wait; the refresh token is kept', async () => {
      const client = await loggedIn();
      await tenant.control('fault', 'token', '429', 2);
      const error = await failure(client.getTokenSilently({ cacheMode: 'off' }));
      expect(error.error).to.equal('too_many_requests');
      expect((await tokenRequests()).map((g) => g.status)).to.deep.equal([429, 429]);
      expect(await client.getTokenSilently({ cacheMode: 'off' })).to.be.a('string');
    });
  });
}

describe('a lost refresh answer with MRRT (localstorage)', function () {
  this.timeout(40_000);
  beforeEach(cleanSlate);
  afterEach(() => tenant.control('clearFaults'));

  it('the token recovered through the iframe replaces the lost one in every entry: the other audience never trips reuse detection', async () => {
    const info = (await tenant.info()) as any;
    const analytics = info.apis.analytics;
    const client = await newClient({ useRefreshTokens: true, useRefreshTokensFallback: true, useMrrt: true, cacheLocation: 'localstorage', httpTimeoutInSeconds: 2 });
    await popupLogin(client);
    expect(await client.getTokenSilently({ authorizationParams: { audience: analytics } })).to.be.a('string');
    expect((await storedRefreshTokens()).size).to.equal(1);
    await tenant.control('resetRequests');
    await tenant.control('fault', 'token', 'truncated-after');
    expect(await client.getTokenSilently({ cacheMode: 'off' })).to.be.a('string');
    expect((await storedRefreshTokens()).size, 'one token left, the recovered one').to.equal(1);
    expect(await client.getTokenSilently({ cacheMode: 'off', authorizationParams: { audience: analytics } })).to.be.a('string');
    expect((await refreshGrants()).slice(1).map((g) => g.status), 'no reuse detected').to.deep.equal([200]);
    expect(client.state.status).to.equal('authenticated');
  });
});

describe('a tab closed mid-refresh (localstorage)', function () {
  this.timeout(40_000);
  beforeEach(cleanSlate);
  afterEach(async () => {
    await tenant.control('clearFaults');
    await tenant.control('refreshTokenReuseInterval', null);
  });

  it('its rotated token never reached the shared cache: this tab refreshes with the previous one within the reuse interval, and nobody is logged out', async () => {
    await tenant.control('refreshTokenReuseInterval', 30);
    const client = await newClient({ useRefreshTokens: true, cacheLocation: 'localstorage' });
    await popupLogin(client);
    const other = await engineTab({ cache: 'localstorage', refresh: '1' });
    await tenant.control('resetRequests');
    // The other tab's refresh is processed (the token rotated), its answer held back; the tab goes.
    await tenant.control('fault', 'token', 'slow-after');
    await other.eval(`(window.tab.token('off'), true)`);
    for (let i = 0; i < 100 && (await refreshGrants()).length === 0; i += 1) await sleep(50);
    expect(await refreshGrants()).to.have.length(1);
    await other.close();
    expect(await client.getTokenSilently({ cacheMode: 'off' })).to.be.a('string');
    expect((await refreshGrants()).slice(1).map((g) => g.status), 'the previous token accepted, no reuse detected').to.deep.equal([200]);
    expect(client.state.status).to.equal('authenticated');
    expect(await client.getTokenSilently({ cacheMode: 'off' })).to.be.a('string');
  });
});
