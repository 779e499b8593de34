// <auth0-login-button email-first>: the email decides where the login goes. An enterprise user's
// email (acme.example, federated at the local tenant) goes with login_hint and no connection — the
// tenant routes it to its enterprise connection — and comes back logged in; another email keeps
// the button's own connection.
import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { FixtureFrame } from '../orgs/helpers.js';
import { cleanSlate, facts } from '../engine/helpers.js';

const APP = '/test/fixtures/domain-discovery/app.html';

/** The button's form, once its chunk has loaded and rendered. */
async function formOf(page: FixtureFrame): Promise<HTMLFormElement> {
  const button = page.document.querySelector('auth0-login-button')!;
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
    const form = button.shadowRoot?.querySelector('form');
    if (form) return form;
  }
  throw new Error('the email-first form never rendered');
}

async function typeEmail(page: FixtureFrame, email: string): Promise<void> {
  const form = await formOf(page);
  form.querySelector('input')!.value = email;
  form.querySelector('button')!.click();
}

describe('<auth0-login-button email-first>', function () {
  this.timeout(60_000);
  beforeEach(cleanSlate);

  it('is a form with a labelled email field and a submit button', async () => {
    const page = new FixtureFrame(APP, 'email-first-fixture');
    try {
      const { domain, clientId } = await facts();
      page.open({ domain, clientId });
      await page.next((m) => m.type === 'auth0-ready');
      const form = await formOf(page);
      expect(form.getAttribute('part')).to.equal('form');
      const input = form.querySelector('input')!;
      expect([input.type, input.required, input.getAttribute('aria-label'), input.getAttribute('part')]).to.deep.equal(['email', true, 'Email', 'email']);
      expect(form.querySelector('button')!.type).to.equal('submit');
    } finally {
      page.remove();
    }
  });

  it('an enterprise email goes to its connection with login_hint and comes back logged in', async () => {
    const { domain, clientId, users } = await facts();
    const page = new FixtureFrame(APP, 'email-first-fixture');
    try {
      page.open({ domain, clientId, connection: 'Username-Password-Authentication' });
      await page.next((m) => m.type === 'auth0-ready');
      await tenant.control('resetRequests');
      await typeEmail(page, 'alice@acme.example');
      const login = await page.next((m) => m.type === 'auth0-login');
      expect(login.detail).to.deep.equal({ mode: 'redirect', federated: true });
      await tenant.login(users.alice.username, users.alice.password);
      const change = await page.next((m) => m.type === 'auth0-session-change' && m.detail.status === 'authenticated');
      expect(change.detail.user.sub).to.equal(users.alice.sub);
      const [authorize] = await tenant.control<Array<{ params: Record<string, string> }>>('requests', { path: '/authorize' });
      expect(authorize.params.login_hint).to.equal('alice@acme.example');
      expect(authorize.params).to.not.have.property('connection');
      const webfinger = await tenant.control<Array<{ params: Record<string, string> }>>('requests', { path: '/.well-known/webfinger', method: 'GET' });
      expect(webfinger.map((r) => r.params.resource)).to.deep.equal(['urn:auth0:discovery:domain:acme.example']);
    } finally {
      page.remove();
    }
  });

  it('another email keeps the button\'s connection, with the email as login_hint', async () => {
    const { domain, clientId } = await facts();
    const page = new FixtureFrame(APP, 'email-first-fixture');
    try {
      page.open({ domain, clientId, connection: 'Username-Password-Authentication' });
      await page.next((m) => m.type === 'auth0-ready');
      await tenant.control('resetRequests');
      await typeEmail(page, 'bob@example.com');
      const login = await page.next((m) => m.type === 'auth0-login');
      expect(login.detail).to.deep.equal({ mode: 'redirect', federated: false });
      let authorize: { params: Record<string, string> } | undefined;
      for (const deadline = Date.now() + 10_000; !authorize && Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
        [authorize] = await tenant.control<Array<{ params: Record<string, string> }>>('requests', { path: '/authorize' });
      }
      expect(authorize!.params).to.include({ login_hint: 'bob@example.com', connection: 'Username-Password-Authentication' });
    } finally {
      page.remove();
    }
  });

  it('an empty field sends nothing', async () => {
    const { domain, clientId } = await facts();
    const page = new FixtureFrame(APP, 'email-first-fixture');
    try {
      page.open({ domain, clientId });
      await page.next((m) => m.type === 'auth0-ready');
      await tenant.control('resetRequests');
      const form = await formOf(page);
      let submitted = false;
      form.addEventListener('submit', () => (submitted = true));
      // The form's own validation (required) stops it before any submit event, synchronously.
      form.requestSubmit();
      expect(submitted).to.equal(false);
      expect(form.querySelector('input')!.validity.valueMissing).to.equal(true);
    } finally {
      page.remove();
    }
  });
});
