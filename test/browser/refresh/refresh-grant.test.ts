import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { GenericError, MissingRefreshTokenError } from '../../../src/index.js';
import {
  cleanSlate,
  facts,
  failure,
  localStorageEntries,
  newClient,
  popupLogin,
  refreshGrants,
  tenantSession,
  tokenRequests,
  watchPageFetch,
} from './helpers.js';

/** A refresh grant straight to the tenant, as an attacker holding a copy of the token would make it. */
async function refreshDirectly(refresh_token: string) {
  const { domain, clientId } = await facts();
  const response = await fetch(`${domain}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, refresh_token }),
  });
  return { status: response.status, body: await response.json() };
}

const storedRefreshTokens = async () =>
  [...(await localStorageEntries()).values()].map((entry) => entry.body?.refresh_token).filter(Boolean) as string[];

describe('useRefreshTokens: the refresh-token grant', () => {
  beforeEach(async () => {
    await cleanSlate();
    await tenant.control('resetRequests');
  });

  it('asks for offline_access at login, then refreshes with a form body carrying redirect_uri', async () => {
    const client = await newClient({ useRefreshTokens: true, cacheLocation: 'localstorage' });
    await popupLogin(client);
    const [authorize] = await tenant.control<any[]>('requests', { path: '/authorize' });
    expect(authorize.scope.split(' ')).to.include.members(['openid', 'profile', 'email', 'offline_access']);
    const watch = watchPageFetch();
    try {
      const token = await client.getTokenSilently({ cacheMode: 'off' });
      expect(token).to.be.a('string');
    } finally {
      watch.stop();
    }
    expect(watch.seen).to.have.length(1);
    const sent = new URLSearchParams(watch.seen[0].body);
    expect(watch.seen[0].contentType).to.equal('application/x-www-form-urlencoded');
    expect(sent.get('grant_type')).to.equal('refresh_token');
    expect(sent.get('redirect_uri')).to.equal(location.origin);
    expect(sent.get('refresh_token')).to.be.a('string').and.not.equal('');
    const grants = await refreshGrants();
    expect(grants.map((g) => g.status)).to.deep.equal([200]);
    expect(await tokenRequests({ grantType: 'authorization_code' })).to.have.length(1);
  });

  it('sends JSON with useFormData: false', async () => {
    const client = await newClient({ useRefreshTokens: true, cacheLocation: 'localstorage', useFormData: false });
    await popupLogin(client);
    const watch = watchPageFetch();
    try {
      await client.getTokenSilently({ cacheMode: 'off' });
    } finally {
      watch.stop();
    }
    expect(watch.seen.map((s) => s.contentType)).to.deep.equal(['application/json']);
    const sent = JSON.parse(watch.seen[0].body);
    expect(sent.grant_type).to.equal('refresh_token');
    expect(sent.redirect_uri).to.equal(location.origin);
    expect(sent.refresh_token).to.be.a('string');
    expect((await refreshGrants()).map((g) => g.status)).to.deep.equal([200]);
  });

  it('writes a rotated refresh token to every entry that held the old one', async () => {
    const { apis } = await facts();
    const client = await newClient({ useRefreshTokens: true, useMrrt: true, cacheLocation: 'localstorage', authorizationParams: { audience: apis.default } });
    await popupLogin(client);
    await client.getTokenSilently({ authorizationParams: { audience: apis.analytics } });
    const afterMrrt = await storedRefreshTokens();
    expect(afterMrrt).to.have.length(2);
    expect(new Set(afterMrrt).size, 'both entries hold the token the MRRT grant returned').to.equal(1);
    await client.getTokenSilently({ cacheMode: 'off' });
    const afterRotation = await storedRefreshTokens();
    expect(afterRotation).to.have.length(2);
    expect(new Set(afterRotation).size).to.equal(1);
    expect(afterRotation[0]).to.not.equal(afterMrrt[0]);
    // The analytics entry's token is the live one: refreshing with it is no reuse.
    await client.getTokenSilently({ cacheMode: 'off', authorizationParams: { audience: apis.analytics } });
    expect((await refreshGrants()).map((g) => g.status)).to.deep.equal([200, 200, 200]);
  });

  it('without a refresh token: MissingRefreshTokenError and no iframe', async () => {
    await tenantSession('alice');
    const client = await newClient({ useRefreshTokens: true });
    await tenant.control('resetRequests');
    const error = await failure(client.getTokenSilently());
    expect(error).to.be.instanceOf(MissingRefreshTokenError);
    expect(error.error).to.equal('missing_refresh_token');
    expect(error.audience).to.equal('default');
    expect(error.scope).to.equal('openid profile email offline_access');
    expect(await tenant.control('requests', { path: '/authorize' })).to.deep.equal([]);
    expect(await tokenRequests()).to.deep.equal([]);
  });

  it('with useRefreshTokensFallback: the iframe, whose refresh token serves the next refresh', async () => {
    await tenantSession('alice');
    const client = await newClient({ useRefreshTokens: true, useRefreshTokensFallback: true });
    await tenant.control('resetRequests');
    expect(await client.getTokenSilently()).to.be.a('string');
    const [authorize] = await tenant.control<any[]>('requests', { path: '/authorize' });
    expect(authorize.prompt).to.equal('none');
    expect(authorize.scope).to.include('offline_access');
    await client.getTokenSilently({ cacheMode: 'off' });
    expect((await refreshGrants()).map((g) => g.status)).to.deep.equal([200]);
    expect(await tenant.control('requests', { path: '/authorize' })).to.have.length(1);
  });

  it('invalid_grant (reuse detected), as the tenant said it (the SPA SDK’s error): the family dead, the local session over, nothing stale', async () => {
    const { clientId } = await facts();
    const client = await newClient({ useRefreshTokens: true, cacheLocation: 'localstorage' });
    await popupLogin(client);
    const statuses: string[] = [];
    client.subscribe((s) => statuses.push(s.status));
    // A copy of the token is used elsewhere first: the engine's copy is now a used token.
    const [stolen] = await storedRefreshTokens();
    const elsewhere = await refreshDirectly(stolen);
    expect(elsewhere.status).to.equal(200);
    await tenant.control('resetRequests');
    const error = await failure(client.getTokenSilently({ cacheMode: 'off' }));
    expect(error).to.be.instanceOf(GenericError);
    expect(error.error).to.equal('invalid_grant');
    expect((await refreshGrants()).map((g) => g.status)).to.deep.equal([400]);
    expect([...(await localStorageEntries()).keys()], 'no entry left, ID token included').to.deep.equal([]);
    expect(await client.isAuthenticated()).to.equal(false);
    expect(client.state.status).to.equal('anonymous');
    expect(statuses.at(-1)).to.equal('anonymous');
    expect(document.cookie).to.not.include(`auth0.${clientId}.is.authenticated`);
    // Reuse detection revoked the whole family: the other copy's successor is dead too.
    expect((await refreshDirectly(elsewhere.body.refresh_token)).body.error).to.equal('invalid_grant');
  });

  it('invalid_grant in memory mode: the worker forgets the token, a later call makes no request', async () => {
    const client = await newClient({ useRefreshTokens: true });
    await popupLogin(client);
    await tenant.control('endAllSessions'); // the grant behind the refresh token is gone
    const error = await failure(client.getTokenSilently({ cacheMode: 'off' }));
    expect(error.error).to.equal('invalid_grant');
    expect(client.state.status).to.equal('anonymous');
    await tenant.control('resetRequests');
    expect(await failure(client.getTokenSilently())).to.be.instanceOf(MissingRefreshTokenError);
    expect(await tokenRequests()).to.deep.equal([]);
  });

  it('invalid_grant with useRefreshTokensFallback: tries the iframe, which answers login_required without a session', async () => {
    const client = await newClient({ useRefreshTokens: true, useRefreshTokensFallback: true, cacheLocation: 'localstorage' });
    await popupLogin(client);
    await tenant.control('endAllSessions');
    await tenant.control('resetRequests');
    const error = await failure(client.getTokenSilently({ cacheMode: 'off' }));
    expect(error.error).to.equal('login_required');
    expect(await tenant.control('requests', { path: '/authorize' })).to.have.length(1);
    expect([...(await localStorageEntries()).keys()]).to.deep.equal([]);
    expect(client.state.status).to.equal('anonymous');
  });

  it('a page load with the session cookie but no refresh token in memory: anonymous, not an error', async () => {
    const client = await newClient({ useRefreshTokens: true });
    await popupLogin(client);
    const reloaded = await newClient({ useRefreshTokens: true });
    await reloaded.checkSession();
    expect(reloaded.state.status).to.equal('anonymous');
  });
});
