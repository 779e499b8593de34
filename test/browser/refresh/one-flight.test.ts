import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { TimeoutError } from '../../../src/index.js';
import { tokenLockName } from '../../../src/lock.js';
import {
  cleanSlate,
  engineTab,
  expireLocalStorageTokens,
  facts,
  failure,
  localStorageEntries,
  newClient,
  popupLogin,
  refreshGrants,
  sleep,
  tokenRequests,
  type Tab,
} from './helpers.js';

/** Holds the engine's token lock from the test page until `release()` — every tab's callers queue behind it. */
async function holdTokenLock(): Promise<{ release(): Promise<void> }> {
  const { clientId } = await facts();
  let release!: () => void;
  let granted!: () => void;
  const isGranted = new Promise<void>((resolve) => (granted = resolve));
  const held = navigator.locks.request(tokenLockName(clientId), () => {
    granted();
    return new Promise<void>((resolve) => (release = resolve));
  });
  await isGranted;
  return {
    async release() {
      release();
      await held;
    },
  };
}

async function settle<T>(promises: Promise<T>[]) {
  const results = await Promise.allSettled(promises);
  return {
    tokens: new Set(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<T>).value)),
    errors: results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason?.error ?? String((r as PromiseRejectedResult).reason)),
  };
}

describe('one flight: concurrent getTokenSilently calls make one token request', () => {
  const tabs: Tab[] = [];
  beforeEach(async () => {
    await cleanSlate();
  });
  afterEach(async () => {
    while (tabs.length) await tabs.pop()!.close();
  });

  it('50 calls at once in one tab on expired tokens (localstorage) → one refresh grant, no invalid_grant', async () => {
    const client = await newClient({ useRefreshTokens: true, cacheLocation: 'localstorage' });
    await popupLogin(client);
    expect(expireLocalStorageTokens()).to.equal(1);
    await tenant.control('resetRequests');
    const { tokens, errors } = await settle(Array.from({ length: 50 }, () => client.getTokenSilently()));
    expect(errors).to.deep.equal([]);
    expect(tokens.size).to.equal(1);
    const grants = await tokenRequests();
    console.log(`one tab, 50 concurrent calls (localstorage): ${grants.length} token request(s)`);
    expect(grants.map((g) => [g.grantType, g.status])).to.deep.equal([['refresh_token', 200]]);
  });

  it('50 calls at once in memory mode (tokens expired by the clock) → one refresh grant through the worker', async () => {
    const { apis } = await facts();
    let offsetMs = 0;
    const client = await newClient({ useRefreshTokens: true, authorizationParams: { audience: apis.default }, nowProvider: () => Date.now() + offsetMs });
    await popupLogin(client);
    offsetMs = 2 * 60 * 60 * 1000; // the API's tokens last an hour; the ID token ten
    expect(await client.getTokenSilently({ cacheMode: 'cache-only' })).to.equal(undefined);
    await tenant.control('resetRequests');
    const { tokens, errors } = await settle(Array.from({ length: 50 }, () => client.getTokenSilently()));
    expect(errors).to.deep.equal([]);
    expect(tokens.size).to.equal(1);
    expect((await tokenRequests()).map((g) => [g.grantType, g.status])).to.deep.equal([['refresh_token', 200]]);
  });

  it("50 calls at once with cacheMode: 'off' → one refresh grant", async () => {
    const client = await newClient({ useRefreshTokens: true, cacheLocation: 'localstorage' });
    await popupLogin(client);
    const before = await client.getTokenSilently();
    await tenant.control('resetRequests');
    const { tokens, errors } = await settle(Array.from({ length: 50 }, () => client.getTokenSilently({ cacheMode: 'off' })));
    expect(errors).to.deep.equal([]);
    expect([...tokens]).to.have.length(1);
    expect([...tokens][0], 'a new token, not the cached one').to.not.equal(before);
    expect((await tokenRequests()).map((g) => [g.grantType, g.status])).to.deep.equal([['refresh_token', 200]]);
  });

  for (const cacheMode of ['on', 'off'] as const) {
    it(`3 tabs × 20 calls at once (cacheMode ${cacheMode}) → one refresh grant, no invalid_grant`, async () => {
      const client = await newClient({ useRefreshTokens: true, cacheLocation: 'localstorage' });
      await popupLogin(client);
      for (let i = 0; i < 2; i += 1) tabs.push(await engineTab({ cache: 'localstorage', refresh: '1' }));
      for (const tab of tabs) expect((await tab.eval('window.tab.state()')).status).to.equal('authenticated');
      expireLocalStorageTokens();
      await tenant.control('resetRequests');
      // Every tab's callers start while the lock is taken, so they all contend for it.
      const lock = await holdTokenLock();
      for (const tab of tabs) await tab.eval(`window.tab.startBurst(20, '${cacheMode}')`);
      const here = settle(Array.from({ length: 20 }, () => client.getTokenSilently({ cacheMode })));
      await sleep(300);
      expect(await refreshGrants(), 'nothing sent while the lock is held').to.deep.equal([]);
      await lock.release();
      const results = [await here, ...(await Promise.all(tabs.map((tab) => tab.eval('window.tab.burstResult()'))))];
      expect(results.flatMap((r: any) => r.errors)).to.deep.equal([]);
      const grants = await tokenRequests();
      console.log(`3 tabs × 20 concurrent calls (cacheMode ${cacheMode}): ${grants.length} token request(s)`);
      expect(grants.map((g) => [g.grantType, g.status])).to.deep.equal([['refresh_token', 200]]);
    });
  }

  it('3 tabs × 20 calls fired together without any help → one refresh grant', async () => {
    const client = await newClient({ useRefreshTokens: true, cacheLocation: 'localstorage' });
    await popupLogin(client);
    for (let i = 0; i < 2; i += 1) tabs.push(await engineTab({ cache: 'localstorage', refresh: '1' }));
    expireLocalStorageTokens();
    await tenant.control('resetRequests');
    const started = tabs.map((tab) => tab.eval('window.tab.startBurst(20)'));
    const here = settle(Array.from({ length: 20 }, () => client.getTokenSilently()));
    await Promise.all(started);
    const results = [await here, ...(await Promise.all(tabs.map((tab) => tab.eval('window.tab.burstResult()'))))];
    expect(results.flatMap((r: any) => r.errors)).to.deep.equal([]);
    expect((await tokenRequests()).map((g) => [g.grantType, g.status])).to.deep.equal([['refresh_token', 200]]);
  });

  it("a tab waiting for the lock answers with the holder's tokens as soon as they reach it, without taking the lock", async () => {
    const { clientId } = await facts();
    const client = await newClient({ useRefreshTokens: true, cacheLocation: 'localstorage' });
    await popupLogin(client);
    const tab = await engineTab({ cache: 'localstorage', refresh: '1' });
    tabs.push(tab);
    // What a holder of the lock writes at the end of a refresh: a live entry, then the ID token.
    const written = await localStorageEntries();
    expireLocalStorageTokens();
    await tenant.control('resetRequests');
    const lock = await holdTokenLock();
    try {
      await tab.eval('window.tab.startBurst(5)');
      // The tab's flight is queued behind the lock held here.
      const queued = async () => ((await navigator.locks.query()).pending ?? []).some((l) => l.name === tokenLockName(clientId));
      while (!(await queued())) await sleep(10);
      // The entries, then the ID token (removed first: an unchanged value would fire no event).
      const idKey = [...written.keys()].find((key) => key.endsWith('@@user@@'))!;
      for (const [key, entry] of written) if (key !== idKey) localStorage.setItem(key, JSON.stringify(entry));
      localStorage.removeItem(idKey);
      localStorage.setItem(idKey, JSON.stringify(written.get(idKey)));
      const result = await tab.eval('window.tab.burstResult()');
      expect(result).to.deep.equal({ calls: 5, distinctTokens: 1, errors: [] });
      expect(await tokenRequests(), 'answered from the cache: nothing sent').to.deep.equal([]);
      expect(await queued(), 'its request for the lock withdrawn').to.equal(false);
    } finally {
      await lock.release();
    }
  });

  it('the next holder waits until its view of the shared cache shows the revision the last one announced', async () => {
    const { clientId } = await facts();
    const client = await newClient({ useRefreshTokens: true, cacheLocation: 'localstorage' });
    await popupLogin(client);
    await client.getTokenSilently({ cacheMode: 'off' });
    // A refresh under the lock ends with a revision in the cache, announced through the lock manager.
    const revisionKey = `@@auth0spajs@@::${clientId}::@@revision@@`;
    expect(JSON.parse(localStorage.getItem(revisionKey)!)).to.deep.equal({ revision: 1 });
    const { held = [] } = await navigator.locks.query();
    expect(held.map((lock) => lock.name)).to.include(`${tokenLockName(clientId)}@1`);
    // Another tab announced revision 2, and this tab's localStorage does not show it yet.
    let release!: () => void;
    void navigator.locks.request(`${tokenLockName(clientId)}@2`, () => new Promise<void>((resolve) => (release = resolve)));
    setTimeout(() => localStorage.setItem(revisionKey, JSON.stringify({ revision: 2 })), 400);
    await tenant.control('resetRequests');
    const started = Date.now();
    await client.getTokenSilently({ cacheMode: 'off' });
    expect(Date.now() - started, 'waited for the view to catch up').to.be.within(380, 1900);
    expect(await refreshGrants()).to.have.length(1);
    release();
  });

  it('a lock that cannot be had in time → TimeoutError; nothing sent', async () => {
    const client = await newClient({ useRefreshTokens: true, cacheLocation: 'localstorage' });
    await popupLogin(client);
    await tenant.control('resetRequests');
    const lock = await holdTokenLock();
    try {
      const started = Date.now();
      const error = await failure(client.getTokenSilently({ cacheMode: 'off', timeoutInSeconds: 1 }));
      expect(error).to.be.instanceOf(TimeoutError);
      expect(error.error).to.equal('timeout');
      expect(Date.now() - started).to.be.within(900, 5000);
      expect(await tokenRequests()).to.deep.equal([]);
    } finally {
      await lock.release();
    }
    expect(await client.getTokenSilently({ cacheMode: 'off' })).to.be.a('string');
  });

  it('the lock is released on every error path: a failed refresh, then the next call goes through', async () => {
    const { clientId } = await facts();
    const client = await newClient({ useRefreshTokens: true, cacheLocation: 'localstorage' });
    await popupLogin(client);
    for (const kind of ['500', 'malformed', 'network'] as const) {
      // A lost answer (malformed, network) is sent 3 times; Chromium resends a dropped POST too.
      await tenant.control('fault', 'token', kind, { 500: 1, malformed: 3, network: 9 }[kind]);
      expect((await failure(client.getTokenSilently({ cacheMode: 'off' }))).error).to.be.a('string');
      await tenant.control('clearFaults');
      const { held = [], pending = [] } = await navigator.locks.query();
      expect([...held, ...pending].filter((lock) => lock.name === tokenLockName(clientId)), `after ${kind}`).to.deep.equal([]);
    }
    expect(await client.getTokenSilently({ cacheMode: 'off', timeoutInSeconds: 2 })).to.be.a('string');
  });
});
