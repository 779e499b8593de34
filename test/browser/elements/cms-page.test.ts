// The acceptance path: a CMS-style page made of tags and the single-file bundle, in an iframe (the
// test page itself cannot leave for the tenant), logging in by redirect and out again.
import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { facts, signOutEverywhere, visibleStrings } from './helpers.js';

interface FixtureMessage {
  source: 'elements-fixture';
  type: string;
  detail: any;
}

/** The fixture page in an iframe, and the messages it reports. */
class FixturePage {
  readonly frame = document.createElement('iframe');
  readonly messages: FixtureMessage[] = [];
  private waiters: Array<() => void> = [];

  constructor() {
    addEventListener('message', (event) => {
      if (event.source !== this.frame.contentWindow || event.data?.source !== 'elements-fixture') return;
      this.messages.push(event.data);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  async open(query: Record<string, string>) {
    const { domain, clientId } = await facts();
    const params = new URLSearchParams({ domain, client_id: clientId, ...query });
    this.frame.src = `/test/fixtures/elements/cms-page.html?${params}`;
    this.frame.style.cssText = 'width: 800px; height: 600px';
    document.body.append(this.frame);
  }

  /** Waits for a message of `type` (after the first `skip` of them) matching `where`. */
  async next(type: string, where: (detail: any) => boolean = () => true, timeoutMs = 15_000): Promise<FixtureMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find((m) => m.type === type && where(m.detail));
      if (found) return found;
      const errors = this.messages.filter((m) => m.type === 'page-error');
      if (errors.length) throw new Error(`fixture page error: ${JSON.stringify(errors)}`);
      if (Date.now() > deadline) throw new Error(`no ${type} from the fixture; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  get document(): Document {
    return this.frame.contentDocument!;
  }

  click(selector: string) {
    this.document.querySelector(selector)!.shadowRoot!.querySelector('button')!.click();
  }

  remove() {
    this.frame.remove();
  }
}

describe('a CMS-style page on dist/auth0-elements.min.js', () => {
  let page: FixturePage;
  beforeEach(async () => {
    await signOutEverywhere();
    page = new FixturePage();
  });
  afterEach(() => page.remove());

  it('logs in by redirect through the tenant login page and out again', async () => {
    const { users } = await facts();
    await page.open({});
    await page.next('auth0-ready', (d) => d.status === 'anonymous');
    expect(page.document.querySelector('#visitors')!.checkVisibility()).to.equal(true);

    page.messages.length = 0;
    page.click('auth0-login-button');
    await page.next('auth0-login', (d) => d.mode === 'redirect');
    await tenant.login(users.alice.username, users.alice.password);

    // Back on the page: the provider finished the callback and cleaned the address bar.
    await page.next('auth0-redirect-callback');
    await page.next('auth0-ready', (d) => d.status === 'authenticated');
    const url = new URL(page.frame.contentWindow!.location.href);
    for (const name of ['code', 'state', 'iss']) expect(url.searchParams.has(name), name).to.equal(false);
    expect(url.searchParams.get('client_id')).to.not.equal(null); // the page's own query stays
    const user = page.document.querySelector('auth0-user')!;
    await (user as any).updateComplete;
    expect(user.shadowRoot!.querySelector('[part=name]')!.textContent).to.equal(users.alice.name);
    expect(page.document.querySelector('#members')!.checkVisibility()).to.equal(true);
    expect(page.document.querySelector('#visitors')!.checkVisibility()).to.equal(false);
    expect(page.document.querySelector('auth0-provider')!.getAttribute('status')).to.equal('authenticated');

    // No token anywhere: not in the DOM, not in the URL, not in an event detail.
    const client = (page.document.querySelector('auth0-provider') as any).client;
    const tokens = await client.getTokenSilently({ cacheMode: 'cache-only', detailedResponse: true });
    expect(tokens.access_token).to.be.a('string');
    const exposed = [...visibleStrings(page.document), url.href, JSON.stringify(page.messages)].join('\n');
    for (const token of [tokens.access_token, tokens.id_token]) {
      expect(exposed.includes(token)).to.equal(false);
      // Not even a fragment of a JWT (its signature part) or of an opaque token.
      expect(exposed.includes(token.slice(-24))).to.equal(false);
    }

    // Log out: through the tenant's /v2/logout and back to the page, anonymous.
    page.messages.length = 0;
    page.click('auth0-logout-button');
    await page.next('auth0-ready', (d) => d.status === 'anonymous');
    expect(page.document.querySelector('#visitors')!.checkVisibility()).to.equal(true);
    const logouts = (await tenant.control<any[]>('requests', { path: '/v2/logout' })) ?? [];
    expect(logouts.length).to.be.greaterThan(0);
  });

  it('delivers the appState of a redirect login in auth0-redirect-callback', async () => {
    const { users } = await facts();
    await page.open({});
    await page.next('auth0-ready', (d) => d.status === 'anonymous');
    page.messages.length = 0;
    // A page script starting the login itself, with state to restore afterwards.
    const client = (page.document.querySelector('auth0-provider') as any).client;
    void client.loginWithRedirect({ appState: { returnTo: '/articles/42', tab: 2 } });
    await tenant.login(users.alice.username, users.alice.password);
    const callback = await page.next('auth0-redirect-callback');
    expect(callback.detail).to.deep.equal({ appState: { returnTo: '/articles/42', tab: 2 } });
    await page.next('auth0-ready', (d) => d.status === 'authenticated');
  });

  it('with no-auto-callback the address bar is left alone and the session checked', async () => {
    await page.open({ no_auto_callback: '', code: 'left-for-the-app', state: 'its-state' });
    await page.next('auth0-ready', (d) => d.status === 'anonymous');
    const url = new URL(page.frame.contentWindow!.location.href);
    expect(url.searchParams.get('code')).to.equal('left-for-the-app');
    expect(url.searchParams.get('state')).to.equal('its-state');
    expect(page.messages.filter((m) => m.type === 'auth0-error')).to.deep.equal([]);
  });

  it('a replayed callback URL is refused: status error and auth0-error with the engine code', async () => {
    await page.open({ code: 'stolen-code', state: 'some-state' });
    const error = await page.next('auth0-error');
    expect(error.detail.error.name).to.equal('GenericError');
    expect(error.detail.error.error).to.equal('missing_transaction');
    await page.next('auth0-ready', (d) => d.status === 'error');
    const url = new URL(page.frame.contentWindow!.location.href);
    expect(url.searchParams.has('code')).to.equal(false);
    expect(url.searchParams.has('state')).to.equal(false);
  });

  it('a login the tenant refuses comes back as auth0-error with the AuthenticationError', async () => {
    const { users, organizations } = await facts();
    await page.open({});
    await page.next('auth0-ready', (d) => d.status === 'anonymous');
    // mallory is in no organization: the tenant answers the redirect with an error.
    page.document.querySelector('auth0-login-button')!.setAttribute('organization', organizations.globex.id);
    page.messages.length = 0;
    page.click('auth0-login-button');
    await tenant.login(users.mallory.username, users.mallory.password);
    const error = await page.next('auth0-error');
    expect(error.detail.error.name).to.equal('AuthenticationError');
    expect(error.detail.error.error).to.equal('access_denied');
    await page.next('auth0-ready', (d) => d.status === 'error');
  });

  it('an invitation link starts a login to the organization, and the invitation makes bob a member', async () => {
    const { users, organizations } = await facts();
    // bob is no member of globex: only the invitation can let him in.
    const ticket = await tenant.control<string>('createInvitation', 'globex', users.bob.email);
    await page.open({ invitation: ticket, organization: organizations.globex.id });
    await tenant.login(users.bob.username, users.bob.password);
    const change = await page.next('auth0-session-change', (d) => d.status === 'authenticated');
    expect(change.detail.user.org_id).to.equal(organizations.globex.id);
    const url = new URL(page.frame.contentWindow!.location.href);
    expect(url.searchParams.has('invitation')).to.equal(false);
    expect(url.searchParams.has('organization')).to.equal(false);
  });

  it('two copies of the bundle on one page do not throw, and the page still works', async () => {
    await page.open({ copies: '2' });
    await page.next('loaded', (d) => d.copies === 2);
    await page.next('auth0-ready', (d) => d.status === 'anonymous');
    expect(page.messages.filter((m) => m.type === 'page-error')).to.deep.equal([]);
    expect(page.messages.filter((m) => m.type === 'auth0-ready')).to.have.length(1);
  });
});
