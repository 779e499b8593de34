import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { GenericError, PopupCancelledError, PopupOpenError, PopupTimeoutError } from '../../../src/index.js';
import { cleanSlate, facts, failure, inspectableCache, jwtPayload, newClient, popupLogin } from './helpers.js';

describe('loginWithPopup / getTokenWithPopup', () => {
  beforeEach(cleanSlate);

  it('logs in through the tenant login page in a popup: user, claims, token, state', async () => {
    const { users, clientId, issuer } = await facts();
    const client = await newClient();
    const states: string[] = [];
    client.subscribe((s) => states.push(s.status));
    await popupLogin(client, 'alice');
    const user = await client.getUser();
    expect(user?.sub).to.equal(users.alice.sub);
    expect(user?.name).to.equal(users.alice.name);
    expect(user).not.to.have.property('nonce');
    expect(user).not.to.have.property('aud');
    const claims = await client.getIdTokenClaims();
    expect(claims?.aud).to.equal(clientId);
    expect(claims?.iss).to.equal(issuer);
    expect(claims?.nonce).to.be.a('string');
    expect(claims?.__raw.split('.')).to.have.length(3);
    expect(await client.isAuthenticated()).to.equal(true);
    const token = await client.getTokenSilently({ cacheMode: 'cache-only' });
    expect(token).to.be.a('string').and.not.empty;
    expect(states).to.deep.equal(['loading', 'authenticated']);
    expect(client.state.user?.name).to.equal(users.alice.name);
    expect(Object.isFrozen(client.state)).to.equal(true);
  });

  it('opens the window synchronously, before the first await', async () => {
    const client = await newClient();
    const realOpen = window.open;
    let openedDuringCall = false;
    window.open = (...args) => {
      openedDuringCall = true;
      return realOpen.apply(window, args);
    };
    let pending: Promise<void>;
    try {
      pending = client.loginWithPopup();
      expect(openedDuringCall).to.equal(true); // no microtask has run yet
    } finally {
      window.open = realOpen;
    }
    const { users } = await facts();
    await tenant.login(users.alice.username, users.alice.password);
    await pending!;
    expect(await client.isAuthenticated()).to.equal(true);
  });

  it('uses a window passed in config.popup', async () => {
    const popup = window.open('', 'engine-test-own-popup')!;
    const client = await newClient();
    const done = client.loginWithPopup({}, { popup });
    const { users } = await facts();
    await tenant.login(users.bob.username, users.bob.password);
    await done;
    expect((await client.getUser())?.sub).to.equal(users.bob.sub);
    expect(popup.closed).to.equal(true);
  });

  it('a blocked popup (window.open returned null) → PopupOpenError', async () => {
    const client = await newClient();
    const error = await failure(client.loginWithPopup({}, { popup: null }));
    expect(error).to.be.instanceOf(PopupOpenError);
    expect(error.error).to.equal('popup_open');
    const realOpen = window.open;
    window.open = () => null;
    try {
      const blocked = await failure(client.loginWithPopup());
      expect(blocked).to.be.instanceOf(PopupOpenError);
    } finally {
      window.open = realOpen;
    }
  });

  it('the user closing the popup → PopupCancelledError; nothing cached', async () => {
    const cache = inspectableCache();
    const client = await newClient({ cache });
    const popup = window.open('', 'engine-test-cancel')!;
    const pending = failure(client.loginWithPopup({}, { popup }));
    await new Promise((r) => setTimeout(r, 300));
    popup.close();
    const error = await pending;
    expect(error).to.be.instanceOf(PopupCancelledError);
    expect(error.error).to.equal('cancelled');
    expect(error.popup).to.equal(popup);
    expect(cache.entries.size).to.equal(0);
    expect(client.state.status).to.equal('loading');
  });

  it('a popup left open past config.timeoutInSeconds → PopupTimeoutError', async () => {
    const client = await newClient();
    const started = Date.now();
    const error = await failure(client.loginWithPopup({}, { timeoutInSeconds: 1 }));
    expect(error).to.be.instanceOf(PopupTimeoutError);
    expect(error.error).to.equal('timeout');
    expect(Date.now() - started).to.be.below(4000);
    error.popup.close();
  });

  it('an error answer in the popup → GenericError with the tenant error (prompt=none without a session)', async () => {
    const client = await newClient();
    const error = await failure(client.loginWithPopup({ authorizationParams: { prompt: 'none' } }));
    expect(error).to.be.instanceOf(GenericError);
    expect(error.error).to.equal('login_required');
  });

  it('getTokenWithPopup returns the access token for the requested audience and scope', async () => {
    const { apis, users } = await facts();
    const client = await newClient();
    const pending = client.getTokenWithPopup({ authorizationParams: { audience: apis.default, scope: 'read:orders' } });
    await tenant.login(users.alice.username, users.alice.password);
    const token = await pending;
    const payload = jwtPayload(token!);
    expect(payload.aud).to.include(apis.default);
    expect(payload.scope.split(' ')).to.include('read:orders');
    expect(await client.getTokenSilently({ authorizationParams: { audience: apis.default, scope: 'read:orders' } })).to.equal(token);
  });
});
