import { expect, oneEvent } from '@open-wc/testing';
import { ContextEvent } from '@lit/context';
import { tenant } from '../../support/tenant.js';
import { auth0Context, type Auth0Session } from '../../../components/index.js';
import { captureWarnings, facts, mountProvider, signIn, signOutEverywhere } from './helpers.js';

/** Subscribes to the provider's context from a child, as any consumer would; returns every value. */
function consume(provider: Element): Auth0Session[] {
  const child = document.createElement('span');
  provider.append(child);
  const values: Auth0Session[] = [];
  child.dispatchEvent(new ContextEvent(auth0Context, child, (value: Auth0Session | undefined) => values.push(value!), true));
  return values;
}

describe('<auth0-provider>', () => {
  beforeEach(signOutEverywhere);
  afterEach(() => tenant.control('clearFaults'));

  it('settles as anonymous without a session: reflects status, fires auth0-session-change then auth0-ready', async () => {
    const { provider, ready, events } = await mountProvider();
    const readyEvent = await ready;
    expect(provider.status).to.equal('anonymous');
    expect(provider.getAttribute('status')).to.equal('anonymous');
    expect(readyEvent.detail).to.deep.equal({ status: 'anonymous' });
    expect(events.map((e) => e.type)).to.deep.equal(['auth0-session-change', 'auth0-ready']);
    expect(events[0].detail).to.deep.equal({ status: 'anonymous', user: undefined });
    for (const event of events) expect([event.bubbles, event.composed]).to.deep.equal([true, true]);
  });

  it('stays loading while the tenant does not answer, then reports the timeout', async () => {
    const { clientId } = await facts();
    // The hint cookie says "there may be a session", so the provider asks the tenant, which hangs.
    document.cookie = `auth0.${clientId}.is.authenticated=true; path=/`;
    await tenant.control('fault', 'authorize', 'hang');
    const { provider, ready, events } = await mountProvider('', { 'authorize-timeout': '1' });
    await provider.updateComplete;
    expect(provider.getAttribute('status')).to.equal('loading');
    expect(provider.client).to.be.an('object');
    await ready;
    expect(provider.status).to.equal('error');
    const error = events.find((e) => e.type === 'auth0-error')!.detail.error;
    expect(error.error).to.equal('timeout');
    expect(events.filter((e) => e.type === 'auth0-error')).to.have.length(1);
  });

  it('finds the tenant session on load: authenticated with the user', async () => {
    await signIn('alice');
    const { users } = await facts();
    const { provider, ready, events } = await mountProvider();
    expect((await ready).detail.status).to.equal('authenticated');
    expect(provider.getAttribute('status')).to.equal('authenticated');
    const change = events.find((e) => e.type === 'auth0-session-change')!;
    expect(change.detail.status).to.equal('authenticated');
    expect(change.detail.user.name).to.equal(users.alice.name);
    expect(change.detail.user.sub).to.equal(users.alice.sub);
  });

  it('provides a new frozen {client, status, user, error} on every change', async () => {
    const { provider, ready } = await mountProvider();
    const values = consume(provider);
    await ready;
    expect(values.length).to.be.greaterThan(0);
    const last = values.at(-1)!;
    expect(Object.isFrozen(last)).to.equal(true);
    expect(Object.keys(last).sort()).to.deep.equal(['client', 'error', 'status', 'user']);
    expect(last.client).to.equal(provider.client);
    expect(last.status).to.equal('anonymous');
    // Logging out locally is a change: a new object arrives, the old one is untouched.
    await provider.client!.logout({ openUrl: false });
    expect(values.at(-1)).to.equal(last); // anonymous → anonymous is no change
    await signIn('alice');
    const second = await mountProvider();
    const seen = consume(second.provider);
    await second.ready;
    expect(new Set(seen).size).to.equal(seen.length);
    expect(seen.at(-1)!.status).to.equal('authenticated');
    expect(seen.every((value) => Object.isFrozen(value))).to.equal(true);
  });

  for (const [attribute, value] of [
    ['cache-location', 'cookies'],
    ['client-id', ''],
    ['leeway', 'soon'],
    ['domain', 'https://tenant.example/some/path'],
  ] as const) {
    it(`a bad ${attribute}="${value}" never throws: status error, auth0-error with a TypeError naming it, one warning`, async () => {
      const { result, warnings } = await captureWarnings(async () => {
        const mounted = await mountProvider('<auth0-login-button></auth0-login-button>', { [attribute]: value });
        await mounted.ready;
        return mounted;
      });
      const { provider, events } = result;
      expect(provider.status).to.equal('error');
      expect(provider.getAttribute('status')).to.equal('error');
      expect(provider.client).to.equal(null);
      const errors = events.filter((e) => e.type === 'auth0-error');
      expect(errors).to.have.length(1);
      const error = errors[0].detail.error;
      expect(error).to.be.instanceOf(TypeError);
      expect(error.message).to.contain(`"${attribute}"`);
      expect(error.cause).to.be.instanceOf(TypeError);
      expect(warnings.filter((line) => line.includes(attribute))).to.have.length(1);
      // The rest of the page keeps working: the login button renders, disabled.
      const button = provider.querySelector('auth0-login-button')!.shadowRoot!.querySelector('button')!;
      expect(button.disabled).to.equal(true);
    });
  }

  it('builds the engine once the bad attribute is fixed', async () => {
    const { provider, ready } = await mountProvider('', { 'cache-location': 'cookies' });
    await ready;
    expect(provider.status).to.equal('error');
    const settled = oneEvent(provider, 'auth0-ready');
    provider.setAttribute('cache-location', 'localstorage');
    await settled;
    expect(provider.status).to.equal('anonymous');
    expect(provider.client).to.be.an('object');
  });

  it('builds a new engine when domain or client-id changes after connect', async () => {
    const { domain, clientId } = await facts();
    const { provider, ready } = await mountProvider();
    await ready;
    const first = provider.client;
    let settled = oneEvent(provider, 'auth0-ready');
    provider.setAttribute('client-id', 'another-client');
    await settled;
    const second = provider.client;
    expect(second).to.be.an('object');
    expect(second).to.not.equal(first);
    settled = oneEvent(provider, 'auth0-ready');
    provider.domain = domain.replace('127.0.0.1', 'localhost');
    await settled;
    expect(provider.client).to.be.an('object');
    expect(provider.client).to.not.equal(second);
    // Other attributes keep the engine (and its session).
    const third = provider.client;
    provider.setAttribute('client-id', clientId);
    await provider.updateComplete;
    const fourth = provider.client;
    provider.setAttribute('scope', 'openid profile');
    provider.setAttribute('leeway', '30');
    await provider.updateComplete;
    expect(fourth).to.not.equal(third);
    expect(provider.client).to.equal(fourth);
  });

  it('the property authorizationParams and the attributes reach the engine', async () => {
    const { organizations, users } = await facts();
    // organization + a popup login: the ID token must carry the org the attribute named.
    const { provider, ready } = await mountProvider(
      '',
      { organization: organizations.acme.id },
      (element) => (element.authorizationParams = { login_hint: users.alice.email }),
    );
    await ready;
    const authenticated = oneEvent(provider, 'auth0-session-change');
    const login = provider.client!.loginWithPopup();
    await tenant.login(users.alice.username, users.alice.password);
    await login;
    const change = await authenticated;
    expect(change.detail.user.org_id).to.equal(organizations.acme.id);
  });
});
