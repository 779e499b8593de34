import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { InMemoryCache, LocalStorageCache, type ICache } from '../../../src/index.js';
import { cleanSlate, facts, inspectableCache, newClient, requestsTo, tenantSession } from './helpers.js';

const DEFAULT_SCOPE = 'openid profile email';

describe('InMemoryCache and LocalStorageCache', () => {
  afterEach(() => localStorage.removeItem('@@auth0spajs@@::unit::default::openid'));

  for (const [name, make] of [
    ['InMemoryCache', () => new InMemoryCache()],
    ['LocalStorageCache', () => new LocalStorageCache()],
  ] as const) {
    it(`${name}: get / set / remove / allKeys`, () => {
      const cache: ICache = make();
      const key = '@@auth0spajs@@::unit::default::openid';
      expect(cache.get(key)).to.equal(undefined);
      cache.set(key, { body: { access_token: 'x' }, expiresAt: 1 });
      expect(cache.get(key)).to.deep.equal({ body: { access_token: 'x' }, expiresAt: 1 });
      expect(cache.allKeys!()).to.include(key);
      cache.remove(key);
      expect(cache.get(key)).to.equal(undefined);
      expect(cache.allKeys!()).to.not.include(key);
    });
  }

  it('LocalStorageCache lists only the engine keys and ignores unreadable entries', () => {
    localStorage.setItem('someone-else', '1');
    localStorage.setItem('@@auth0spajs@@::unit::default::openid', '{not json');
    const cache = new LocalStorageCache();
    expect(cache.allKeys()).to.not.include('someone-else');
    expect(cache.get('@@auth0spajs@@::unit::default::openid')).to.equal(undefined);
    localStorage.removeItem('someone-else');
  });
});

describe('the token cache', () => {
  beforeEach(async () => {
    await cleanSlate();
    await tenantSession('alice');
  });

  it('localstorage: entries under the SPA SDK key format, with the 60 s expiry margin', async () => {
    const { clientId } = await facts();
    const client = await newClient({ cacheLocation: 'localstorage' });
    const detailed = await client.getTokenSilently({ detailedResponse: true });
    const key = `@@auth0spajs@@::${clientId}::default::${DEFAULT_SCOPE}`;
    const stored = JSON.parse(localStorage.getItem(key)!);
    expect(stored.body).to.include({ client_id: clientId, audience: 'default', scope: DEFAULT_SCOPE, access_token: detailed.access_token });
    expect(stored.expiresAt).to.be.closeTo(Math.floor(Date.now() / 1000) + detailed.expires_in, 5);
    const user = JSON.parse(localStorage.getItem(`@@auth0spajs@@::${clientId}::@@user@@`)!);
    expect(user.id_token).to.equal(detailed.id_token);
    expect(user.decodedToken.user.sub).to.be.a('string');
  });

  it('counts a token as expired 60 s before expiresAt (nowProvider)', async () => {
    const cache = inspectableCache();
    let offsetMs = 0;
    const client = await newClient({ cache, nowProvider: () => Date.now() + offsetMs });
    const { expires_in } = await client.getTokenSilently({ detailedResponse: true });
    offsetMs = (expires_in - 62) * 1000;
    expect(await client.getTokenSilently({ cacheMode: 'cache-only' })).to.be.a('string');
    offsetMs = (expires_in - 58) * 1000;
    expect(await client.getTokenSilently({ cacheMode: 'cache-only' })).to.equal(undefined);
    // The expired entry is gone; the ID token stays.
    expect([...cache.entries.keys()].filter((k) => !k.endsWith('@@user@@'))).to.deep.equal([]);
  });

  it('an exact key wins; otherwise an entry of the same audience with a superset of the scopes', async () => {
    const { apis } = await facts();
    const cache = inspectableCache();
    const client = await newClient({ cache });
    const wide = await client.getTokenSilently({ authorizationParams: { audience: apis.default, scope: 'read:messages write:messages' } });
    await tenant.control('resetRequests');
    // Subset of scopes, same audience: served from the wider entry.
    expect(await client.getTokenSilently({ authorizationParams: { audience: apis.default, scope: 'read:messages' } })).to.equal(wide);
    // Another audience: not served from it.
    expect(await client.getTokenSilently({ cacheMode: 'cache-only', authorizationParams: { audience: apis.analytics } })).to.equal(undefined);
    // A scope it does not have: not served from it.
    expect(await client.getTokenSilently({ cacheMode: 'cache-only', authorizationParams: { audience: apis.default, scope: 'read:orders' } })).to.equal(undefined);
    expect(await requestsTo('/authorize')).to.have.length(0);
    // Once the exact entry exists, it wins over the superset.
    const exact = await client.getTokenSilently({ cacheMode: 'off', authorizationParams: { audience: apis.default, scope: 'read:messages' } });
    expect(exact).to.not.equal(wide);
    expect(await client.getTokenSilently({ authorizationParams: { audience: apis.default, scope: 'read:messages' } })).to.equal(exact);
  });

  for (const variant of [
    { async: false, allKeys: true },
    { async: true, allKeys: true },
    { async: false, allKeys: false },
    { async: true, allKeys: false },
  ]) {
    const label = `${variant.async ? 'async' : 'sync'} custom cache ${variant.allKeys ? 'with' : 'without'} allKeys`;
    it(`${label}: stores, finds by scope superset, and clears at logout`, async () => {
      const { clientId, apis } = await facts();
      const cache = inspectableCache(variant);
      const client = await newClient({ cache });
      const token = await client.getTokenSilently({ authorizationParams: { audience: apis.default, scope: 'read:messages read:orders' } });
      const tokenKey = `@@auth0spajs@@::${clientId}::${apis.default}::${DEFAULT_SCOPE} read:messages read:orders`;
      const userKey = `@@auth0spajs@@::${clientId}::@@user@@`;
      const manifestKey = `@@auth0spajs@@::${clientId}`;
      expect(cache.entries.has(tokenKey)).to.equal(true);
      expect(cache.entries.has(userKey)).to.equal(true);
      if (variant.allKeys) expect(cache.entries.has(manifestKey)).to.equal(false);
      else expect(cache.entries.get(manifestKey).keys.sort()).to.deep.equal([tokenKey, userKey].sort());
      expect(await client.getTokenSilently({ cacheMode: 'cache-only', authorizationParams: { audience: apis.default, scope: 'read:orders' } })).to.equal(token);
      expect((await client.getUser())?.sub).to.equal((await facts()).users.alice.sub);
      await client.logout({ openUrl: false });
      expect([...cache.entries.keys()]).to.deep.equal([]);
      expect(await client.isAuthenticated()).to.equal(false);
    });
  }

  it('keeps a custom cache’s foreign keys at logout, and clears other clients only with clientId: null', async () => {
    const { clientId } = await facts();
    const cache = inspectableCache();
    cache.entries.set('not-ours', 1);
    cache.entries.set('@@auth0spajs@@::other-client::default::openid', { body: {}, expiresAt: 0 });
    const client = await newClient({ cache });
    await client.getTokenSilently();
    await client.logout({ openUrl: false });
    expect([...cache.entries.keys()].sort()).to.deep.equal(['@@auth0spajs@@::other-client::default::openid', 'not-ours']);
    await client.getTokenSilently().catch(() => undefined);
    await client.logout({ openUrl: false, clientId: null });
    expect([...cache.entries.keys()]).to.deep.equal(['not-ours']);
    expect(document.cookie).to.not.include(`auth0.${clientId}.is.authenticated`);
  });

  it('a different user logging in replaces every entry of the previous one', async () => {
    const { apis, users } = await facts();
    const cache = inspectableCache();
    const client = await newClient({ cache });
    await client.getTokenSilently({ authorizationParams: { audience: apis.analytics } });
    await client.getTokenSilently();
    await cleanSlate();
    await tenantSession('bob');
    await client.getTokenSilently({ cacheMode: 'off' });
    expect((await client.getUser())?.sub).to.equal(users.bob.sub);
    expect([...cache.entries.keys()].some((k) => k.includes(apis.analytics))).to.equal(false);
  });
});
