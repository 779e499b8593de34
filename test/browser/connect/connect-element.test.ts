// <auth0-connect-account> on a page of tags (test/fixtures/connect/app.html, in an iframe: the
// page leaves for the tenant and the provider's consent page): the demo's "log in, connect Google,
// then read my calendar" path end to end, and the element's error states.
import { expect, fixture, html } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import type { Auth0ConnectAccount } from '../../../components/index.js';
import { CALENDAR_SCOPE, CONNECTION, cleanSlate, connectFacts, consent, forgetConnectedAccounts, popupLogin } from './helpers.js';
import { newClient } from '../engine/helpers.js';
import { buttonOf, captureWarnings, isShown, mountProvider, signIn, signOutEverywhere } from '../elements/helpers.js';

const GMAIL_SCOPE = 'https://www.googleapis.com/auth/gmail.readonly';

interface Report {
  event: string;
  from: string;
  detail: any;
  url: string;
}

/** The fixture page in an iframe and the events it reports, across its reloads. */
class AppPage {
  readonly frame = document.createElement('iframe');
  readonly reports: Report[] = [];
  readonly #listener = (event: MessageEvent) => {
    if (event.source === this.frame.contentWindow && event.data?.type === 'connect-app-fixture') this.reports.push(event.data);
  };

  async open(options: { connection?: string; fallback?: boolean; scopes?: string } = {}) {
    const { domain, clientId, apis, apiUrl } = await connectFacts();
    sessionStorage.setItem('connect-app-fixture', JSON.stringify({ domain, clientId, api: apis.default, apiUrl, ...options }));
    addEventListener('message', this.#listener);
    this.frame.style.cssText = 'width: 800px; height: 600px';
    this.frame.src = '/test/fixtures/connect/app.html';
    document.body.append(this.frame);
  }

  /** The first report of `event` from `from` matching `where` not yet taken; waits for it. */
  async next(event: string, from: string, where: (detail: any) => boolean = () => true, timeoutMs = 20_000): Promise<Report> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.reports.findIndex((r) => r.event === event && r.from === from && where(r.detail));
      if (index >= 0) return this.reports.splice(index, 1)[0];
      if (Date.now() > deadline) throw new Error(`no ${event} from <${from}>; got ${JSON.stringify(this.reports)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** A part of an element's shadow DOM, for what the user sees. */
  part(selector: string, part: string): HTMLElement {
    return this.frame.contentDocument!.querySelector(selector)!.shadowRoot!.querySelector(`[part=${part}]`)!;
  }

  async settled(selector: string) {
    await (this.frame.contentDocument!.querySelector(selector) as any).updateComplete;
  }

  remove() {
    removeEventListener('message', this.#listener);
    this.frame.remove();
    sessionStorage.removeItem('connect-app-fixture');
  }
}

describe('<auth0-connect-account>', function () {
  // Each test is a few page loads and redirects, on a machine shared with other test runs.
  this.timeout(60_000);
  let page: AppPage;
  beforeEach(async () => {
    await cleanSlate();
    page = new AppPage();
  });
  afterEach(() => page.remove());

  it('the demo path: log in, the calendar asks for a connected account, connect Google, the calendar shows', async () => {
    const { users } = await connectFacts();
    // Alice starts with no connected account, whatever other test files did on this tenant.
    await forgetConnectedAccounts('alice');
    await cleanSlate();
    // Two scopes, separated by a comma and a space as a page author may write them.
    await page.open({ scopes: `${CALENDAR_SCOPE}, ${GMAIL_SCOPE}` });
    await page.next('auth0-ready', 'auth0-provider', (d) => d.status === 'anonymous');
    await page.settled('auth0-connect-account');
    expect(page.part('auth0-connect-account', 'button').hidden, 'no connect button while signed out').to.equal(true);

    // Log in by redirect.
    page.part('auth0-login-button', 'button').click();
    await tenant.login(users.alice.username, users.alice.password);
    // A login: no connection; the login button recorded the page it started on (appState.returnTo).
    const login = (await page.next('auth0-redirect-callback', 'auth0-provider')).detail;
    expect(Object.keys(login), 'a login: no connection').to.deep.equal(['appState']);
    expect(new URL(login.appState.returnTo).pathname).to.equal('/test/fixtures/connect/app.html');
    await page.next('auth0-ready', 'auth0-provider', (d) => d.status === 'authenticated');

    // Before connecting, the API says what is missing, and <auth0-fetch> shows it.
    const refused = await page.next('auth0-error', 'auth0-fetch');
    expect(refused.detail.error).to.deep.include({ status: 403 });
    await page.next('auth0-response', 'auth0-fetch', (d) => d.status === 403);
    await page.settled('auth0-fetch');
    expect(page.part('auth0-fetch', 'error').textContent).to.match(/403|connect/i);
    await page.settled('auth0-connect-account');
    const button = page.part('auth0-connect-account', 'button');
    expect(button.hidden).to.equal(false);

    // Connect: the consent page of the stand-in Google, Allow, and back on the page — where the
    // completion reaches the My Account API 1.5 s late (the calendar must wait for it).
    await tenant.control('fault', 'connect-complete', 'slow-before');
    button.click();
    await consent('allow');
    const callback = await page.next('auth0-redirect-callback', 'auth0-provider', (d) => 'connection' in d);
    expect(callback.detail).to.deep.equal({ appState: null, connection: CONNECTION, scopes: callback.detail.scopes });
    expect(callback.detail.scopes).to.include.members([CALENDAR_SCOPE, GMAIL_SCOPE]);
    const connected = await page.next('auth0-account-connected', 'auth0-connect-account');
    expect(connected.detail).to.deep.equal({ connection: CONNECTION, scopes: callback.detail.scopes });
    // The address bar is clean: no connect_code or state to replay.
    const url = new URL(connected.url);
    expect([...url.searchParams.keys()]).to.deep.equal([]);

    await page.settled('auth0-connect-account');
    expect(page.part('auth0-connect-account', 'connected').hidden).to.equal(false);
    expect(page.part('auth0-connect-account', 'button').hidden).to.equal(true);
    expect(page.frame.contentDocument!.querySelector('auth0-provider')!.getAttribute('status')).to.equal('authenticated');

    // The calendar, through the demo API and Token Vault.
    const answer = await page.next('auth0-response', 'auth0-fetch', (d) => d.status === 200);
    expect(answer.detail.data).to.deep.include({ user: users.alice.sub, connection: CONNECTION });
    // On the load that connected the account, the calendar was asked only once it was connected:
    // no 403 on the way (the provider holds the session back while the connect callback runs).
    const early = page.reports.filter((r) => (r.event === 'auth0-response' && r.detail.status !== 200) || (r.event === 'auth0-error' && r.from === 'auth0-fetch'));
    expect(early, 'the calendar asked before the account was connected').to.deep.equal([]);
    await page.settled('auth0-fetch');
    const shown = page.part('auth0-fetch', 'data').textContent!;
    expect(shown).to.include('Stand-up');
    expect(shown).to.include("auth0|alice's calendar");

    // No token anywhere the page can see: DOM text, address bar, event details.
    const visible = [page.frame.contentDocument!.body.innerText, page.frame.contentWindow!.location.href, JSON.stringify(page.reports)].join('\n');
    expect(visible).to.not.match(/eyJ[\w-]+\.eyJ|ya29\./);
  });

  it('the user denies at Google: the element shows the ConnectError, the user stays signed in', async () => {
    await popupLogin(await newClient()); // a tenant session; the page gets its tokens silently
    await page.open({ fallback: true });
    await page.next('auth0-ready', 'auth0-provider', (d) => d.status === 'authenticated');
    await page.settled('auth0-connect-account');
    page.part('auth0-connect-account', 'button').click();
    await consent('deny');
    const error = await page.next('auth0-error', 'auth0-provider');
    expect(error.detail.error).to.deep.include({ className: 'ConnectError', error: 'access_denied', connection: CONNECTION });
    await page.next('auth0-ready', 'auth0-provider', (d) => d.status === 'authenticated');
    await page.settled('auth0-connect-account');
    const shown = page.part('auth0-connect-account', 'error');
    expect(shown.hidden).to.equal(false);
    expect(shown.getAttribute('role')).to.equal('alert');
    expect(shown.textContent).to.match(/did not allow/);
    expect(page.part('auth0-connect-account', 'button').hidden, 'the user can try again').to.equal(false);
    expect(page.reports.some((r) => r.event === 'auth0-account-connected')).to.equal(false);
  });

  it('an unknown connection: auth0-error with MyAccountApiError connection_not_found, shown, the page stays', async () => {
    await popupLogin(await newClient());
    await page.open({ fallback: true, connection: 'no-such-connection' });
    await page.next('auth0-ready', 'auth0-provider', (d) => d.status === 'authenticated');
    await page.settled('auth0-connect-account');
    const before = page.frame.contentWindow!.location.href;
    page.part('auth0-connect-account', 'button').click();
    const error = await page.next('auth0-error', 'auth0-connect-account');
    expect(error.detail.error).to.deep.include({ className: 'MyAccountApiError', error: 'connection_not_found', status: 400 });
    await page.settled('auth0-connect-account');
    expect(page.part('auth0-connect-account', 'error').hidden).to.equal(false);
    expect(page.part('auth0-connect-account', 'error').textContent).to.match(/no-such-connection/);
    expect(page.frame.contentWindow!.location.href).to.equal(before);
  });
});

describe('<auth0-connect-account> in the page', () => {
  beforeEach(signOutEverywhere);

  it('is hidden while anonymous', async () => {
    const { provider, ready } = await mountProvider(`<auth0-connect-account connection="${CONNECTION}"></auth0-connect-account>`);
    await ready;
    const element = provider.querySelector('auth0-connect-account') as Auth0ConnectAccount;
    await element.updateComplete;
    expect(isShown(element)).to.equal(false);
  });

  it('is a real, accessible button with a slotted label while a user is signed in', async () => {
    await signIn('alice');
    const { provider, ready } = await mountProvider(`<auth0-connect-account connection="${CONNECTION}">Connect Google</auth0-connect-account>`, { 'use-dpop': '' });
    await ready;
    const element = provider.querySelector('auth0-connect-account') as Auth0ConnectAccount;
    await element.updateComplete;
    expect(isShown(element)).to.equal(true);
    expect(buttonOf(element).getAttribute('part')).to.equal('button');
    expect(buttonOf(element).type).to.equal('button');
    const slot = buttonOf(element).querySelector('slot')!;
    expect(slot.assignedNodes().map((node) => node.textContent).join('').trim()).to.equal('Connect Google');
    await expect(element).to.be.accessible();
  });

  it('outside a provider renders nothing and warns once', async () => {
    const { result: element, warnings } = await captureWarnings(() =>
      fixture<Auth0ConnectAccount>(html`<auth0-connect-account connection="google-oauth2"></auth0-connect-account>`),
    );
    await element.updateComplete;
    expect(element.shadowRoot!.childElementCount).to.equal(0);
    expect(warnings.filter((line) => line.includes('<auth0-connect-account>'))).to.have.length(1);
  });
});
