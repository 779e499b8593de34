import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { createAuth0Client, GenericError, TimeoutError } from '../../../src/index.js';
import { cleanSlate, facts, failure, inspectableCache, jwtPayload, newClient, requestsTo, tenantSession } from './helpers.js';

const iframes = () => document.querySelectorAll('iframe').length;

describe('getTokenSilently through the silent iframe', () => {
  beforeEach(cleanSlate);

  it('gets tokens with the tenant session: detailed response, state, cache, iframe removed', async () => {
    await tenantSession('alice');
    const { users, clientId } = await facts();
    const client = await newClient();
    const statuses: string[] = [];
    client.subscribe((s) => statuses.push(s.status));
    const before = iframes();
    await tenant.control('resetRequests');
    const detailed = await client.getTokenSilently({ detailedResponse: true });
    expect(Object.keys(detailed).sort()).to.deep.equal(['access_token', 'expires_in', 'id_token', 'scope', 'token_type']);
    expect(detailed.token_type).to.equal('Bearer');
    expect(detailed.expires_in).to.be.a('number').above(60);
    expect(detailed.scope).to.include('openid');
    expect(iframes()).to.equal(before);
    const authorize = await requestsTo('/authorize');
    expect(authorize).to.have.length(1);
    expect((await client.getIdTokenClaims())?.__raw).to.equal(detailed.id_token);
    expect((await client.getUser())?.sub).to.equal(users.alice.sub);
    expect(statuses).to.deep.equal(['loading', 'authenticated']);
    expect(document.cookie).to.include(`auth0.${clientId}.is.authenticated=true`);
    // From the cache now: no further request.
    expect(await client.getTokenSilently()).to.equal(detailed.access_token);
    expect(await requestsTo('/authorize')).to.have.length(1);
  });

  it('sends prompt=none and response_mode=web_message, and honours per-call audience and scope', async () => {
    await tenantSession('alice');
    const { apis, clientId } = await facts();
    const cache = inspectableCache();
    const client = await newClient({ cache });
    const opened: string[] = [];
    const observer = new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n instanceof HTMLIFrameElement) opened.push(n.src);
    });
    observer.observe(document.body, { childList: true });
    const token = await client.getTokenSilently({ authorizationParams: { audience: apis.analytics, scope: 'read:analytics' } });
    observer.disconnect();
    const q = new URL(opened[0]).searchParams;
    expect(q.get('prompt')).to.equal('none');
    expect(q.get('response_mode')).to.equal('web_message');
    expect(q.get('audience')).to.equal(apis.analytics);
    expect(q.get('scope')).to.equal('openid profile email read:analytics');
    expect(q.get('redirect_uri')).to.equal(location.origin);
    const payload = jwtPayload(token);
    expect(payload.aud).to.include(apis.analytics);
    expect(payload.scope.split(' ')).to.include('read:analytics');
    expect(cache.entries.has(`@@auth0spajs@@::${clientId}::${apis.analytics}::openid profile email read:analytics`)).to.equal(true);
  });

  it('rejects with GenericError login_required without a tenant session, caching nothing', async () => {
    const cache = inspectableCache();
    const client = await newClient({ cache });
    const before = iframes();
    const error = await failure(client.getTokenSilently());
    expect(error).to.be.instanceOf(GenericError);
    expect(error.error).to.equal('login_required');
    expect(cache.entries.size).to.equal(0);
    expect(iframes()).to.equal(before);
  });

  it('times out with TimeoutError when /authorize hangs, and removes the iframe', async () => {
    await tenantSession('alice');
    const cache = inspectableCache();
    const client = await newClient({ cache });
    await tenant.control('fault', 'authorize', 'hang');
    const before = iframes();
    const started = Date.now();
    const error = await failure(client.getTokenSilently({ timeoutInSeconds: 1 }));
    expect(error).to.be.instanceOf(TimeoutError);
    expect(error.error).to.equal('timeout');
    expect(Date.now() - started).to.be.below(5000);
    expect(iframes()).to.equal(before);
    expect(cache.entries.size).to.equal(0);
  });

  it('uses authorizeTimeoutInSeconds when the call gives no timeout', async () => {
    await tenantSession('alice');
    const client = await newClient({ authorizeTimeoutInSeconds: 1 });
    await tenant.control('fault', 'authorize', 'hang');
    expect(await failure(client.getTokenSilently())).to.be.instanceOf(TimeoutError);
  });

  it('ignores authorization responses from other origins and other message types', async () => {
    await tenantSession('alice');
    const client = await newClient();
    await tenant.control('fault', 'authorize', 'hang');
    const pending = failure(client.getTokenSilently({ timeoutInSeconds: 1.5 }));
    await new Promise((r) => setTimeout(r, 200));
    // Same page origin, right shape: still not the tenant's origin, so ignored.
    window.postMessage({ type: 'authorization_response', response: { code: 'forged', state: 'forged' } }, '*');
    window.postMessage({ type: 'something_else', response: { error: 'login_required' } }, '*');
    const error = await pending;
    expect(error).to.be.instanceOf(TimeoutError);
    expect(await client.getUser()).to.equal(undefined);
  });

  it('shares one request between concurrent calls for the same audience and scope', async () => {
    await tenantSession('alice');
    const client = await newClient();
    await tenant.control('resetRequests');
    const tokens = await Promise.all([client.getTokenSilently(), client.getTokenSilently(), client.getTokenSilently()]);
    expect(new Set(tokens).size).to.equal(1);
    expect(await requestsTo('/oauth/token')).to.have.length(1);
  });
});

describe('cacheMode', () => {
  beforeEach(cleanSlate);

  it('on: cache first; off: always the tenant; cache-only: never the network', async () => {
    await tenantSession('alice');
    const client = await newClient();
    await tenant.control('resetRequests');
    expect(await client.getTokenSilently({ cacheMode: 'cache-only' })).to.equal(undefined);
    expect(await requestsTo('/authorize')).to.have.length(0);
    const first = await client.getTokenSilently();
    const cached = await client.getTokenSilently({ cacheMode: 'on' });
    expect(cached).to.equal(first);
    expect(await requestsTo('/authorize')).to.have.length(1);
    const fresh = await client.getTokenSilently({ cacheMode: 'off' });
    expect(fresh).to.not.equal(first);
    expect(await requestsTo('/authorize')).to.have.length(2);
    expect(await client.getTokenSilently({ cacheMode: 'cache-only' })).to.equal(fresh);
    expect(await requestsTo('/authorize')).to.have.length(2);
  });
});

describe('checkSession / createAuth0Client', () => {
  beforeEach(cleanSlate);

  it('without the hint cookie: anonymous, and no request to the tenant', async () => {
    await tenant.control('resetRequests');
    const client = await createAuth0Client({ domain: (await facts()).domain, clientId: (await facts()).clientId });
    expect(client.state.status).to.equal('anonymous');
    expect(await client.isAuthenticated()).to.equal(false);
    expect(await tenant.control<unknown[]>('requests')).to.have.length(0);
  });

  it('with the hint cookie and a tenant session: authenticated on creation', async () => {
    await tenantSession('bob');
    const { domain, clientId, users } = await facts();
    const client = await createAuth0Client({ domain, clientId });
    expect(client.state.status).to.equal('authenticated');
    expect(client.state.user?.sub).to.equal(users.bob.sub);
  });

  it('with the hint cookie but no tenant session: anonymous, login_required swallowed', async () => {
    await tenantSession('alice');
    await tenant.control('endAllSessions');
    const { domain, clientId } = await facts();
    const client = await createAuth0Client({ domain, clientId });
    expect(client.state.status).to.equal('anonymous');
    expect(await client.getUser()).to.equal(undefined);
  });

  it('with the hint cookie and a broken tenant: resolves (as the SPA SDK), the error in the state', async () => {
    await tenantSession('alice');
    await tenant.control('fault', 'token', '500');
    const client = await newClient();
    await client.checkSession();
    const error = client.state.error as GenericError;
    expect(error).to.be.instanceOf(GenericError);
    expect(error.error).to.equal('server_error');
    expect(client.state).to.include({ status: 'error', error });
  });

  it('restores a localStorage session on load without any request', async () => {
    await tenantSession('alice');
    const first = await newClient({ cacheLocation: 'localstorage' });
    await first.getTokenSilently();
    await tenant.control('resetRequests');
    const { domain, clientId } = await facts();
    const reloaded = await createAuth0Client({ domain, clientId, cacheLocation: 'localstorage' });
    expect(reloaded.state.status).to.equal('authenticated');
    expect(await tenant.control<unknown[]>('requests')).to.have.length(0);
  });
});
