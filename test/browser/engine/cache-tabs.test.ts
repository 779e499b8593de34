// The localstorage cache's parsed copy (src/cache/read-copy.ts) against other tabs: tokens are
// read from memory, yet a token another tab replaced (rotation) or removed (logout, or any code
// removing the entries) is never served once this tab has been told — the `storage` event.
import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { cleanSlate, engineTab, facts, newClient, popupLogin, tokenRequests, type Tab } from '../refresh/helpers.js';

/**
 * Resolves on the next `storage` event for `key` (or a `clear()`) that `accept` takes, after the
 * engines' own listeners.
 */
function storageEvent(key: string | null, accept: (event: StorageEvent) => boolean = () => true, timeoutMs = 10_000): Promise<StorageEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no storage event for ${key}`)), timeoutMs);
    addEventListener('storage', function listener(event) {
      if (event.key !== key || !accept(event)) return;
      clearTimeout(timer);
      removeEventListener('storage', listener);
      resolve(event);
    });
  });
}

/** The client's one access-token key in localStorage. */
async function accessTokenKey(): Promise<string> {
  const { clientId } = await facts();
  const keys = Object.keys(localStorage).filter((key) => key.startsWith(`@@auth0spajs@@::${clientId}::`) && !key.includes('@@user@@') && !key.includes('@@revision@@'));
  expect(keys).to.have.length(1);
  return keys[0];
}

/** `localStorage.getItem` calls made while `run` runs (observed, passed through unchanged). */
async function getItemCalls(run: () => Promise<unknown>): Promise<number> {
  const original = Storage.prototype.getItem;
  let calls = 0;
  Storage.prototype.getItem = function (this: Storage, key: string) {
    calls += 1;
    return original.call(this, key);
  };
  try {
    await run();
  } finally {
    Storage.prototype.getItem = original;
  }
  return calls;
}

describe('localstorage: the parsed copy of the cache, and the other tabs', function () {
  this.timeout(60_000);
  const tabs: Tab[] = [];
  beforeEach(cleanSlate);
  afterEach(async () => {
    while (tabs.length) await tabs.pop()!.close();
  });

  it('answers cached getTokenSilently calls without reading localStorage again', async () => {
    const client = await newClient({ cacheLocation: 'localstorage' });
    await popupLogin(client);
    const token = await client.getTokenSilently();
    const answers: string[] = [];
    const calls = await getItemCalls(async () => {
      for (let i = 0; i < 100; i += 1) answers.push(await client.getTokenSilently());
    });
    expect(calls, 'localStorage reads for 100 cached calls').to.equal(0);
    expect(new Set(answers)).to.deep.equal(new Set([token]));
    // The full path still reads the storage itself (and refreshes the copy).
    expect(await getItemCalls(() => client.getUser())).to.be.greaterThan(0);
  });

  it('a refresh in another tab (rotation): the new token is served once the tab is told, and the next refresh uses the rotated refresh token', async () => {
    const client = await newClient({ useRefreshTokens: true, cacheLocation: 'localstorage' });
    await popupLogin(client);
    const before = await client.getTokenSilently();
    expect(await client.getTokenSilently()).to.equal(before);
    const key = await accessTokenKey();
    const oldRefreshToken = JSON.parse(localStorage.getItem(key)!).body.refresh_token;
    tabs.push(await engineTab({ cache: 'localstorage', refresh: '1' }));
    // Served from the copy all along, while the other tab refreshes.
    const served: string[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        served.push(await client.getTokenSilently());
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    // The other tab writes the key twice: first the rotated refresh token into the old entry
    // (src/refresh/cache-vault.ts), then the new entry. Told of the first, this tab may still serve
    // the old access token; the event that matters is the one carrying the new access token.
    const newEntry = (event: StorageEvent) => event.newValue !== null && JSON.parse(event.newValue).body.access_token !== before;
    const changed = storageEvent(key, newEntry);
    await tenant.control('resetRequests');
    expect(await tabs[0].eval("window.tab.token('off')")).to.equal('ok');
    const told = await changed;
    const servedBefore = served.length;
    const stored = JSON.parse(told.newValue!).body;
    expect(JSON.parse(localStorage.getItem(key)!).body.access_token, 'what the storage holds now').to.equal(stored.access_token);
    expect(stored.access_token, 'the other tab stored a new token').to.not.equal(before);
    expect(stored.refresh_token, 'and a rotated refresh token').to.not.equal(oldRefreshToken);
    const answer = await client.getTokenSilently();
    expect(answer, `served after the event (${answer === before ? 'the old token' : 'a third token'})`).to.equal(stored.access_token);
    await new Promise((resolve) => setTimeout(resolve, 50));
    polling = false;
    await poll;
    expect(served.slice(servedBefore), 'every answer after the event').to.satisfy((after: string[]) => after.length > 0 && after.every((t) => t === stored.access_token));
    expect(new Set(served.slice(0, servedBefore))).to.satisfy((earlier: Set<string>) => [...earlier].every((t) => t === before || t === stored.access_token));
    // This tab's own refresh uses the rotated token: no reuse, no invalid_grant.
    const mine = await client.getTokenSilently({ cacheMode: 'off' });
    expect(mine).to.not.equal(stored.access_token);
    expect((await tokenRequests()).map((g) => [g.grantType, g.status])).to.deep.equal([
      ['refresh_token', 200],
      ['refresh_token', 200],
    ]);
  });

  it('a logout in another tab: nothing is served any more once the tab is told', async () => {
    const client = await newClient({ cacheLocation: 'localstorage' });
    await popupLogin(client);
    const token = await client.getTokenSilently();
    expect(await client.getTokenSilently({ cacheMode: 'cache-only' })).to.equal(token);
    tabs.push(await engineTab({ cache: 'localstorage' }));
    expect((await tabs[0].eval('window.tab.state()')).status).to.equal('authenticated');
    const removed = storageEvent(await accessTokenKey());
    expect(await tabs[0].eval('window.tab.logout()')).to.equal(true);
    await removed;
    expect(await client.getTokenSilently({ cacheMode: 'cache-only' })).to.equal(undefined);
    expect(await client.getUser()).to.equal(undefined);
  });

  it('entries removed by other code in another tab (no logout message): not served once the tab is told', async () => {
    const client = await newClient({ cacheLocation: 'localstorage' });
    await popupLogin(client);
    const token = await client.getTokenSilently();
    const key = await accessTokenKey();
    tabs.push(await engineTab({ cache: 'memory' }));
    const removed = storageEvent(key);
    await tabs[0].eval(`(localStorage.removeItem(${JSON.stringify(key)}), true)`);
    await removed;
    expect(await client.getTokenSilently({ cacheMode: 'cache-only' })).to.equal(undefined);
    // And a clear() of the whole storage elsewhere (a storage event without a key): first a new
    // token (the silent iframe, on the tenant session), then the clear.
    const renewed = await client.getTokenSilently();
    expect(renewed).to.be.a('string').and.not.equal(token);
    expect(await client.getTokenSilently({ cacheMode: 'cache-only' })).to.equal(renewed);
    const cleared = storageEvent(null);
    await tabs[0].eval('(localStorage.clear(), true)');
    await cleared;
    expect(await client.getTokenSilently({ cacheMode: 'cache-only' })).to.equal(undefined);
  });

  it('two engines in one page: a write by one is seen by the other at once', async () => {
    const first = await newClient({ useRefreshTokens: true, cacheLocation: 'localstorage' });
    await popupLogin(first);
    const second = await newClient({ useRefreshTokens: true, cacheLocation: 'localstorage' });
    await second.checkSession();
    const before = await first.getTokenSilently();
    expect(await second.getTokenSilently()).to.equal(before);
    const rotated = await second.getTokenSilently({ cacheMode: 'off' });
    expect(rotated).to.not.equal(before);
    expect(await first.getTokenSilently()).to.equal(rotated);
  });
});
