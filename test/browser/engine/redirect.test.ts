import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { AuthenticationError, GenericError, type Auth0Client } from '../../../src/index.js';
import { CALLBACK_PAGE, cleanSlate, facts, failure, frame, inspectableCache, newClient, nextFixtureMessage } from './helpers.js';

/**
 * Runs a redirect login whose redirects happen in an iframe: the client (in this page) opens the
 * authorize URL in the frame, the tenant's login page is filled, and the URL the tenant sends the
 * browser back to is returned — the test then calls handleRedirectCallback with it.
 */
async function redirectRoundTrip(client: Auth0Client, user: 'alice' | 'bob' | 'mallory' = 'alice', options: Parameters<Auth0Client['loginWithRedirect']>[0] = {}) {
  const { users } = await facts();
  const iframe = frame();
  const back = nextFixtureMessage<{ url: string }>('engine-test-callback');
  await client.loginWithRedirect({ ...options, openUrl: (url) => void (iframe.src = url) });
  await tenant.login(users[user].username, users[user].password);
  const { url } = await back;
  iframe.remove();
  return url;
}

describe('loginWithRedirect / handleRedirectCallback', () => {
  beforeEach(cleanSlate);

  it('runs a full redirect login inside a fixture page: appState back, user known, address bar cleaned', async () => {
    const { domain, clientId, users } = await facts();
    sessionStorage.setItem(
      'engine-test-fixture-options',
      JSON.stringify({ domain, clientId, cacheLocation: 'localstorage', authorizationParams: { redirect_uri: `${location.origin}/test/fixtures/engine/redirect-login.html` } }),
    );
    const iframe = frame();
    const done = nextFixtureMessage('engine-test-fixture');
    iframe.src = '/test/fixtures/engine/redirect-login.html';
    await tenant.login(users.bob.username, users.bob.password);
    const result = await done;
    iframe.remove();
    sessionStorage.removeItem('engine-test-fixture-options');
    expect(result.step, JSON.stringify(result)).to.equal('callback');
    expect(result.appState).to.deep.equal({ from: 'redirect-login.html' });
    expect(result.user.sub).to.equal(users.bob.sub);
    expect(result.status).to.equal('authenticated');
    expect(result.authenticated).to.equal(true);
    expect(result.addressBar).to.equal(`${location.origin}/test/fixtures/engine/redirect-login.html`);
    expect(sessionStorage.getItem(`a0.spajs.txs.${clientId}`)).to.equal(null);
  });

  it('stores the transaction in sessionStorage and returns appState after a real login', async () => {
    const { clientId, users, apis } = await facts();
    const cache = inspectableCache();
    const client = await newClient({ cache, authorizationParams: { redirect_uri: CALLBACK_PAGE } });
    const iframe = frame();
    const back = nextFixtureMessage<{ url: string }>('engine-test-callback');
    await client.loginWithRedirect({
      appState: { target: '/profile' },
      authorizationParams: { audience: apis.default, scope: 'read:messages' },
      openUrl: (url) => void (iframe.src = url),
    });
    const transaction = JSON.parse(sessionStorage.getItem(`a0.spajs.txs.${clientId}`)!);
    expect(transaction).to.include({ audience: apis.default, scope: 'openid profile email read:messages', redirect_uri: CALLBACK_PAGE });
    expect(transaction.appState).to.deep.equal({ target: '/profile' });
    expect(transaction.state).to.be.a('string');
    expect(transaction.nonce).to.be.a('string');
    expect(transaction.code_verifier).to.have.length(43);
    await tenant.login(users.alice.username, users.alice.password);
    const { url } = await back;
    iframe.remove();
    const result = await client.handleRedirectCallback(url);
    expect(result).to.deep.equal({ appState: { target: '/profile' }, response_type: 'code' });
    expect(sessionStorage.getItem(`a0.spajs.txs.${clientId}`)).to.equal(null);
    expect((await client.getUser())?.sub).to.equal(users.alice.sub);
    expect([...cache.entries.keys()].sort()).to.deep.equal(
      [`@@auth0spajs@@::${clientId}::${apis.default}::openid profile email read:messages`, `@@auth0spajs@@::${clientId}::@@user@@`].sort(),
    );
    const token = await client.getTokenSilently({ cacheMode: 'cache-only', authorizationParams: { audience: apis.default, scope: 'read:messages' } });
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    expect(payload.aud).to.include(apis.default);
    expect(payload.scope.split(' ')).to.include('read:messages');
  });

  it('refuses a replayed callback URL: the transaction is used once (missing_transaction)', async () => {
    const client = await newClient({ authorizationParams: { redirect_uri: CALLBACK_PAGE } });
    const url = await redirectRoundTrip(client);
    await client.handleRedirectCallback(url);
    const replay = await failure(client.handleRedirectCallback(url));
    expect(replay).to.be.instanceOf(GenericError);
    expect(replay.error).to.equal('missing_transaction');
    expect(client.state.status).to.equal('error');
    // A second client (another page load) cannot use it either.
    const other = await failure((await newClient()).handleRedirectCallback(url));
    expect(other.error).to.equal('missing_transaction');
  });

  it('refuses a tampered state (state_mismatch), consumes the transaction and caches nothing', async () => {
    const { clientId } = await facts();
    const cache = inspectableCache();
    const client = await newClient({ cache, authorizationParams: { redirect_uri: CALLBACK_PAGE } });
    const url = new URL(await redirectRoundTrip(client));
    url.searchParams.set('state', `${url.searchParams.get('state')}x`);
    await tenant.control('resetRequests');
    const error = await failure(client.handleRedirectCallback(url.href));
    expect(error).to.be.instanceOf(GenericError);
    expect(error.error).to.equal('state_mismatch');
    expect(client.state).to.include({ status: 'error', error });
    expect(cache.entries.size).to.equal(0);
    expect(await tenant.control<unknown[]>('requests', { path: '/oauth/token' })).to.have.length(0);
    expect(sessionStorage.getItem(`a0.spajs.txs.${clientId}`)).to.equal(null);
    expect((await failure(client.handleRedirectCallback(url.href))).error).to.equal('missing_transaction');
  });

  it('turns an error answer into AuthenticationError with state and appState (organization non-member)', async () => {
    const { organizations } = await facts();
    const cache = inspectableCache();
    const client = await newClient({ cache, authorizationParams: { redirect_uri: CALLBACK_PAGE } });
    const url = await redirectRoundTrip(client, 'mallory', {
      appState: { back: 'home' },
      authorizationParams: { organization: organizations.acme.id },
    });
    const error = await failure(client.handleRedirectCallback(url));
    expect(error).to.be.instanceOf(AuthenticationError);
    expect(error.error).to.equal('access_denied');
    expect(error.error_description).to.be.a('string').and.not.empty;
    expect(error.state).to.equal(new URL(url).searchParams.get('state'));
    expect(error.appState).to.deep.equal({ back: 'home' });
    expect(cache.entries.size).to.equal(0);
    expect(client.state).to.include({ status: 'error', error });
  });

  it('refuses a URL without a query (missing_callback_params, the transaction kept) and one without callback parameters (state_mismatch, used up), as the SPA SDK', async () => {
    const { clientId } = await facts();
    const client = await newClient({ authorizationParams: { redirect_uri: CALLBACK_PAGE } });
    await client.loginWithRedirect({ openUrl: () => undefined });
    const error = await failure(client.handleRedirectCallback(`${location.origin}/#x`));
    expect(error).to.be.instanceOf(GenericError);
    expect(error.error).to.equal('missing_callback_params');
    expect(sessionStorage.getItem(`a0.spajs.txs.${clientId}`)).to.not.equal(null);
    expect((await failure(client.handleRedirectCallback(`${location.origin}/?foo=bar`))).error).to.equal('state_mismatch');
    expect(sessionStorage.getItem(`a0.spajs.txs.${clientId}`)).to.equal(null);
  });

  it('passes fragment, organization, invitation and custom parameters to /authorize', async () => {
    const { organizations } = await facts();
    const client = await newClient({ authorizationParams: { redirect_uri: CALLBACK_PAGE, screen_hint: 'signup', ui_locales: 'fr' } });
    let opened = '';
    await client.loginWithRedirect({
      fragment: 'section-2',
      authorizationParams: { organization: organizations.acme.id, invitation: 'inv_123', login_hint: 'a@example.com', custom_param: 'x y' },
      openUrl: (url) => void (opened = url),
    });
    const url = new URL(opened);
    expect(url.hash).to.equal('#section-2');
    expect(Object.fromEntries(url.searchParams)).to.include({
      organization: organizations.acme.id,
      invitation: 'inv_123',
      login_hint: 'a@example.com',
      custom_param: 'x y',
      screen_hint: 'signup',
      ui_locales: 'fr',
    });
  });
});
