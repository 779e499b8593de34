// Storage that fails or lies, in the real browser: Storage.prototype made to throw (quota, or
// storage disabled) — the page's environment, not the engine — and entries corrupted in place.
// The engine answers typed errors (`storage_full`, `storage_unavailable`, the DOMException as
// `cause`), never leaves a user without tokens, and drops malformed entries once, as if missing.
import { expect } from '@open-wc/testing';
import { GenericError } from '../../../src/index.js';
import { tenant } from '../../support/tenant.js';
import { cleanSlate, facts, failure, newClient, popupLogin } from '../engine/helpers.js';
import { localStorageEntries } from '../refresh/helpers.js';

type Method = 'setItem' | 'getItem' | 'removeItem';
const originals = { setItem: Storage.prototype.setItem, getItem: Storage.prototype.getItem, removeItem: Storage.prototype.removeItem };

/** Makes `method` throw for `storage` (when `when` says so) until `restore()`. */
function breakStorage(storage: Storage, method: Method, error: () => DOMException, when: (key: string, value?: string) => boolean = () => true) {
  (Storage.prototype as any)[method] = function (this: Storage, key: string, value?: string) {
    if (this === storage && when(key, value)) throw error();
    return (originals[method] as any).call(this, key, value);
  };
}
const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const denied = () => new DOMException('Access is denied for this document.', 'SecurityError');
const restore = () => Object.assign(Storage.prototype, originals);

/** A popup login expected to fail after the tenant's login page: its rejection, once settled. */
async function failedPopupLogin(client: Awaited<ReturnType<typeof newClient>>) {
  const { users } = await facts();
  const done = failure(client.loginWithPopup());
  await tenant.login(users.alice.username, users.alice.password);
  return done;
}

const userKey = async () => `@@auth0spajs@@::${(await facts()).clientId}::@@user@@`;

describe('storage failures', function () {
  this.timeout(30_000);
  beforeEach(cleanSlate);
  afterEach(restore);

  it('localStorage full for the token entry at login → storage_full with its cause; no user cached, none after a reload', async () => {
    const client = await newClient({ cacheLocation: 'localstorage' });
    breakStorage(localStorage, 'setItem', quota, (key) => key.startsWith('@@auth0spajs@@') && !key.endsWith('@@user@@'));
    const error = await failedPopupLogin(client);
    restore();
    expect(error).to.be.instanceOf(GenericError);
    expect(error.error).to.equal('storage_full');
    expect(error.cause).to.be.instanceOf(DOMException);
    expect(error.cause.name).to.equal('QuotaExceededError');
    expect(localStorage.getItem(await userKey()), 'no half-written login').to.equal(null);
    const reloaded = await newClient({ cacheLocation: 'localstorage' });
    expect(await reloaded.getUser()).to.equal(undefined);
    expect(await reloaded.isAuthenticated()).to.equal(false);
  });

  it('localStorage full for the ID token at login → storage_full; the new tokens are gone too', async () => {
    const client = await newClient({ cacheLocation: 'localstorage', useRefreshTokens: true });
    breakStorage(localStorage, 'setItem', quota, (key) => key.endsWith('@@user@@'));
    const error = await failedPopupLogin(client);
    restore();
    expect(error.error).to.equal('storage_full');
    expect([...(await localStorageEntries()).keys()]).to.deep.equal([]);
    expect(await client.isAuthenticated()).to.equal(false);
  });

  it('the same user refreshing into a full storage keeps the previous session (a user with tokens)', async () => {
    const client = await newClient({ cacheLocation: 'localstorage' });
    await popupLogin(client);
    const before = localStorage.getItem(await userKey());
    breakStorage(localStorage, 'setItem', quota, (key) => key.startsWith('@@auth0spajs@@'));
    const error = await failure(client.getTokenSilently({ cacheMode: 'off' }));
    restore();
    expect(error.error).to.equal('storage_full');
    expect(localStorage.getItem(await userKey())).to.equal(before);
    expect(await client.getTokenSilently()).to.be.a('string');
  });

  it('localStorage throwing on every read (localstorage mode) → storage_unavailable, typed, from getTokenSilently and getUser', async () => {
    const client = await newClient({ cacheLocation: 'localstorage' });
    await popupLogin(client);
    breakStorage(localStorage, 'getItem', denied);
    const error = await failure(client.getTokenSilently());
    const userError = await failure(client.getUser());
    restore();
    expect(error).to.be.instanceOf(GenericError);
    expect(error.error).to.equal('storage_unavailable');
    expect(error.cause.name).to.equal('SecurityError');
    expect(userError.error).to.equal('storage_unavailable');
  });

  it('sessionStorage throwing at login → loginWithRedirect rejects with storage_unavailable; nothing navigates', async () => {
    const client = await newClient();
    breakStorage(sessionStorage, 'setItem', denied);
    let opened: string | undefined;
    const error = await failure(client.loginWithRedirect({ openUrl: (url) => void (opened = url) }));
    expect(error.error).to.equal('storage_unavailable');
    expect(error.cause).to.be.instanceOf(DOMException);
    expect(opened).to.equal(undefined);
  });

  it('sessionStorage full at login → storage_full', async () => {
    const client = await newClient();
    breakStorage(sessionStorage, 'setItem', quota);
    expect((await failure(client.loginWithRedirect({ openUrl: () => undefined }))).error).to.equal('storage_full');
  });

  it('sessionStorage throwing at the callback → handleRedirectCallback rejects with storage_unavailable', async () => {
    const client = await newClient();
    breakStorage(sessionStorage, 'getItem', denied);
    const error = await failure(client.handleRedirectCallback(`${location.origin}/?code=abc&state=xyz`));
    expect(error).to.be.instanceOf(GenericError);
    expect(error.error).to.equal('storage_unavailable');
    expect(client.state.status).to.equal('error');
  });
});

describe('corrupt cache entries', function () {
  this.timeout(30_000);
  beforeEach(cleanSlate);

  const warnings = () => {
    const seen: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void seen.push(args);
    return { seen, stop: () => void (console.warn = original) };
  };

  it('a cached user without claims is dropped and logged once; token calls go on as without one', async () => {
    const client = await newClient({ cacheLocation: 'localstorage' });
    await popupLogin(client);
    const key = await userKey();
    const entry = JSON.parse(localStorage.getItem(key)!);
    delete entry.decodedToken.claims;
    localStorage.setItem(key, JSON.stringify(entry));
    const log = warnings();
    const reloaded = await newClient({ cacheLocation: 'localstorage' });
    try {
      expect(await reloaded.getUser()).to.equal(undefined);
      // Silent authentication (the tenant session) brings a fresh, well-formed user back.
      expect(await reloaded.getTokenSilently()).to.be.a('string');
      expect((await reloaded.getUser())?.sub).to.equal((await facts()).users.alice.sub);
      expect(await reloaded.getTokenSilently()).to.be.a('string');
    } finally {
      log.stop();
    }
    const dropped = log.seen.filter((args) => String(args[0]).includes('dropped malformed'));
    expect(dropped).to.have.length(1);
    expect(String(dropped[0][1])).to.equal(key);
    expect(JSON.stringify(log.seen)).to.not.include(entry.id_token);
  });

  it('a non-numeric expiresAt counts as expired: the token is not served, a new one is fetched', async () => {
    const client = await newClient({ cacheLocation: 'localstorage' });
    await popupLogin(client);
    const [key, wrapped] = [...(await localStorageEntries()).entries()].find(([k]) => !k.endsWith('@@user@@'))!;
    const stale = wrapped.body.access_token;
    localStorage.setItem(key, JSON.stringify({ ...wrapped, expiresAt: 'never' }));
    const reloaded = await newClient({ cacheLocation: 'localstorage' });
    const token = await reloaded.getTokenSilently();
    expect(token).to.be.a('string').and.not.equal(stale);
    expect(typeof JSON.parse(localStorage.getItem(key)!).expiresAt).to.equal('number');
  });

  it('an entry of the wrong shape (a string body) is dropped and the call goes on', async () => {
    const client = await newClient({ cacheLocation: 'localstorage' });
    await popupLogin(client);
    const [key] = [...(await localStorageEntries()).keys()].filter((k) => !k.endsWith('@@user@@'));
    localStorage.setItem(key, JSON.stringify({ body: 'oops', expiresAt: 9e9 }));
    const log = warnings();
    try {
      expect(await (await newClient({ cacheLocation: 'localstorage' })).getTokenSilently()).to.be.a('string');
    } finally {
      log.stop();
    }
    expect(typeof JSON.parse(localStorage.getItem(key)!).body).to.equal('object');
  });
});
