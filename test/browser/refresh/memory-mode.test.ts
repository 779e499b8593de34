import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { MissingRefreshTokenError } from '../../../src/index.js';
import {
  allKeysDeep,
  cleanSlate,
  facts,
  failure,
  localStorageEntries,
  newClient,
  nextFixtureMessage,
  popupLogin,
  refreshGrants,
  tenantSession,
  tokenRequests,
  watchPageFetch,
  watchPortMessages,
} from './helpers.js';

/** Every key and value the page keeps in Web Storage. */
function storageText(): string {
  return JSON.stringify([localStorage, sessionStorage].map((storage) => Object.entries(storage)));
}

describe('memory mode: refresh tokens live in a Web Worker', () => {
  beforeEach(async () => {
    await cleanSlate();
    await tenant.control('resetRequests');
  });

  it('the refresh token never reaches the page: not in Web Storage, not in a fetch, not in a message', async () => {
    const fetches = watchPageFetch();
    const ports = watchPortMessages();
    try {
      const client = await newClient({ useRefreshTokens: true });
      await popupLogin(client);
      const detailed = await client.getTokenSilently({ cacheMode: 'off', detailedResponse: true });
      await client.getTokenSilently({ cacheMode: 'off' });
      expect(Object.keys(detailed)).to.not.include('refresh_token');
      // The worker holds a working token: both refreshes went through.
      expect((await refreshGrants()).map((g) => g.status)).to.deep.equal([200, 200]);
      expect(await tokenRequests({ grantType: 'authorization_code' })).to.have.length(1);
      // …yet the page made none of the three token requests itself,
      expect(fetches.seen.filter((s) => s.url.endsWith('/oauth/token'))).to.deep.equal([]);
      // no answer the worker sent the page names a refresh token,
      expect(ports.messages.length).to.be.above(2);
      expect([...allKeysDeep(ports.messages)]).to.not.include('refresh_token');
      // and Web Storage holds no token at all.
      expect(storageText()).to.not.include('refresh_token');
      expect([...(await localStorageEntries()).keys()]).to.deep.equal([]);
    } finally {
      fetches.stop();
      ports.stop();
    }
  });

  it('the worker forgets its refresh tokens at logout', async () => {
    const client = await newClient({ useRefreshTokens: true });
    await popupLogin(client);
    // The tenant session lives on (openUrl: false), but refresh grants do not use it.
    await client.logout({ openUrl: false });
    await tenant.control('resetRequests');
    const error = await failure(client.getTokenSilently({ cacheMode: 'off' }));
    expect(error).to.be.instanceOf(MissingRefreshTokenError);
    expect(await tokenRequests()).to.deep.equal([]);
  });

  it('localstorage mode keeps the refresh token in the cache entry, shape {body, expiresAt}', async () => {
    const client = await newClient({ useRefreshTokens: true, cacheLocation: 'localstorage' });
    await popupLogin(client);
    const entries = [...(await localStorageEntries()).entries()].filter(([key]) => !key.endsWith('@@user@@'));
    expect(entries).to.have.length(1);
    const [, entry] = entries[0];
    expect(Object.keys(entry).sort()).to.deep.equal(['body', 'expiresAt']);
    expect(entry.body.refresh_token).to.be.a('string');
    expect(entry.body.access_token).to.be.a('string');
  });

  it('the built dist/engine.min.js starts its worker from its own source and refreshes through it', async () => {
    const { domain, clientId } = await facts();
    await tenantSession('alice');
    await tenant.control('resetRequests');
    const frame = document.createElement('iframe');
    const done = nextFixtureMessage('refresh-bundle-page', 20_000);
    frame.src = `/test/fixtures/refresh/bundle-page.html?${new URLSearchParams({ domain, clientId })}`;
    document.body.append(frame);
    try {
      expect(await done).to.deep.include({ step: 'done', gotTokens: true });
    } finally {
      frame.remove();
    }
    expect((await tokenRequests()).map((g) => [g.grantType, g.status])).to.deep.equal([
      ['authorization_code', 200],
      ['refresh_token', 200],
    ]);
  });

  for (const workerUrl of [undefined, '/dist/token-worker.js']) {
    it(`under a CSP without blob: workers — ${workerUrl ? 'works with workerUrl = dist/token-worker.js' : 'a typed error naming workerUrl'}`, async () => {
      const { domain, clientId } = await facts();
      await tenantSession('alice');
      await tenant.control('resetRequests');
      const frame = document.createElement('iframe');
      const done = nextFixtureMessage('refresh-bundle-page', 20_000);
      const query = new URLSearchParams({ domain, clientId, ...(workerUrl ? { workerUrl } : {}) });
      frame.src = `/test/fixtures/refresh/strict-csp.html?${query}`;
      document.body.append(frame);
      try {
        const outcome = await done;
        if (workerUrl) {
          expect(outcome).to.deep.include({ step: 'done', gotTokens: true });
          expect((await refreshGrants()).map((g) => g.status)).to.deep.equal([200]);
        } else {
          expect(outcome.step).to.equal('error');
          expect(outcome.error).to.equal('worker_unavailable');
          expect(outcome.description).to.include('workerUrl');
          expect(await tokenRequests(), 'no token request without the worker').to.deep.equal([]);
        }
      } finally {
        frame.remove();
      }
    });
  }
});
