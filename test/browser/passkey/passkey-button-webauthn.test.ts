// <auth0-passkey-button> with a virtual authenticator (a platform passkey provider through the
// DevTools protocol), on localhost against the local tenant: a signup through the element creates
// the user and their passkey and signs them in, a login through the element signs them in again;
// closing the prompt is the `cancelled` state, a login on a device without a passkey the
// `no-credential` state with the fallback, a signup for a taken email the tenant's refusal —
// each an auth0-error, nothing thrown, and no token in any event, attribute or the DOM.
import { expect } from '@open-wc/testing';
import '../../../components/index.js';
import type { Auth0PasskeyButton } from '../../../components/define/passkey-button.js';
import type { Auth0Provider } from '../../../components/define/provider.js';
import { tenant } from '../../support/tenant.js';
import { authenticator } from '../../support/virtual-authenticator.js';
import { buttonOf, isShown, mountProvider, nextStatus, signOutEverywhere } from '../elements/helpers.js';

/** The element's shadow root once its body (a chunk) has rendered. */
async function rendered(el: Auth0PasskeyButton): Promise<ShadowRoot> {
  for (const deadline = Date.now() + 10_000; !el.shadowRoot?.querySelector('[part=button]'); ) {
    if (Date.now() > deadline) throw new Error('the passkey button never rendered');
    await new Promise((r) => setTimeout(r, 20));
  }
  await el.updateComplete;
  return el.shadowRoot!;
}

/** Every event the kit's elements fire (auth0-*), as they reach the provider. */
function recordAll(target: EventTarget, types: string[]): Array<{ type: string; detail: any }> {
  const seen: Array<{ type: string; detail: any }> = [];
  for (const type of types) target.addEventListener(type, (event) => seen.push({ type, detail: (event as CustomEvent).detail }));
  return seen;
}
const TYPES = ['auth0-passkey-start', 'auth0-passkey-complete', 'auth0-error', 'auth0-session-change', 'auth0-ready'];

/** The next `type` event from `target`. */
const next = (target: EventTarget, type: string) => new Promise<CustomEvent>((resolve) => target.addEventListener(type, resolve as EventListener, { once: true }));

async function mount(inner: string) {
  const { provider, ready } = await mountProvider(inner);
  await ready;
  const buttons = [...provider.querySelectorAll('auth0-passkey-button')] as Auth0PasskeyButton[];
  for (const el of buttons) await rendered(el);
  return { provider, buttons, events: recordAll(provider, TYPES) };
}

const message = (el: Auth0PasskeyButton) => el.shadowRoot!.querySelector('[part=message]')!;
const fallbackShown = (el: Auth0PasskeyButton) => !el.shadowRoot!.querySelector('slot[name=fallback]')!.hasAttribute('hidden');
const unique = () => `pat.${crypto.randomUUID().slice(0, 8)}@example.com`;

/** No token of the session anywhere an HTML-only attacker or a listener could read it. */
async function expectNoToken(provider: Auth0Provider, events: Array<{ detail: any }>) {
  const token = await provider.client!.getTokenSilently({ cacheMode: 'cache-only' });
  expect(token, 'the session has a token').to.be.a('string');
  const [, payload] = token!.split('.');
  for (const { detail } of events) {
    const text = JSON.stringify(detail, (_key, value) => (value instanceof Error ? { ...value, message: value.message } : value));
    expect(text).to.not.include(payload);
  }
  const dom = [provider.outerHTML, ...[...provider.querySelectorAll('auth0-passkey-button')].map((el) => el.shadowRoot!.innerHTML)].join('');
  expect(dom).to.not.include(payload);
}

describe('<auth0-passkey-button> with a virtual authenticator', function () {
  this.timeout(60_000);
  let id: string;

  // signOutEverywhere clears cookies through a DevTools session of its own, whose detaching ends
  // the page's virtual authenticator environment: only before and after the authenticators.
  before(signOutEverywhere);
  after(signOutEverywhere);
  beforeEach(async () => {
    await tenant.control('endAllSessions');
    await tenant.control('resetPasskeys');
    localStorage.clear();
    sessionStorage.clear();
    id = await authenticator.add();
  });
  afterEach(async () => {
    await authenticator.remove(id);
  });

  it('signs up (email from the slotted input), then logs in through the element: the session follows, the buttons hide, no token in events or DOM', async () => {
    const email = unique();
    const { provider, buttons, events } = await mount(`
      <auth0-passkey-button mode="signup"><input slot="email" type="email" aria-label="Email"></auth0-passkey-button>
      <auth0-passkey-button mode="login"></auth0-passkey-button>`);
    const [signup, login] = buttons;
    signup.querySelector('input')!.value = email;
    const signedIn = nextStatus(provider, 'authenticated');
    const complete = next(signup, 'auth0-passkey-complete');
    buttonOf(signup).click();
    expect(signup.state).to.equal('busy');
    expect((await complete).detail).to.deep.equal({ mode: 'signup' });
    expect((await signedIn).detail.user).to.include({ email });
    await signup.updateComplete;
    expect(isShown(buttonOf(signup)), 'signup hidden while signed in').to.equal(false);
    expect(isShown(buttonOf(login)), 'login hidden while signed in').to.equal(false);
    const [credential] = await authenticator.credentials(id);
    expect(credential).to.include({ rpId: 'localhost', isResidentCredential: true });
    await expectNoToken(provider, events);

    // Signed out here only: the login button comes back and signs the same user in with the passkey.
    const signedOut = nextStatus(provider, 'anonymous');
    await provider.client!.logout({ openUrl: false });
    await signedOut;
    await login.updateComplete;
    expect(isShown(buttonOf(login))).to.equal(true);
    const again = nextStatus(provider, 'authenticated');
    const loggedIn = next(login, 'auth0-passkey-complete');
    buttonOf(login).click();
    expect((await loggedIn).detail).to.deep.equal({ mode: 'login' });
    expect((await again).detail.user).to.include({ email });
    expect(events.filter((e) => e.type === 'auth0-passkey-start').map((e) => e.detail)).to.deep.equal([{ mode: 'signup' }, { mode: 'login' }]);
    expect(events.filter((e) => e.type === 'auth0-error')).to.deep.equal([]);
    await expectNoToken(provider, events);
    const grants = await tenant.control<any[]>('tokenRequests', { grantType: 'urn:okta:params:oauth:grant-type:webauthn' });
    expect(grants.map((r) => r.status)).to.deep.equal([200, 200]);
  });

  it('the user closes the prompt: the cancelled state and an auth0-error passkey_cancelled, nothing thrown; the next try works', async () => {
    const { provider, buttons } = await mount(`
      <auth0-passkey-button mode="signup" email="${unique()}"></auth0-passkey-button>
      <auth0-passkey-button mode="login"><span slot="fallback">Log in with a password</span></auth0-passkey-button>`);
    const [signup, login] = buttons;
    const signedIn = nextStatus(provider, 'authenticated');
    buttonOf(signup).click();
    await signedIn;
    const signedOut = nextStatus(provider, 'anonymous');
    await provider.client!.logout({ openUrl: false });
    await signedOut;

    await authenticator.setUserVerified(id, false); // what a closed prompt looks like to the page
    const failed = next(login, 'auth0-error');
    buttonOf(login).click();
    const { error } = (await failed).detail;
    expect(error.code).to.equal('passkey_cancelled');
    expect(error.error).to.equal('passkey_cancelled');
    expect(error.cause?.name).to.equal('NotAllowedError');
    await login.updateComplete;
    expect(login.state).to.equal('cancelled');
    expect(login.getAttribute('state')).to.equal('cancelled');
    expect(message(login).hasAttribute('hidden')).to.equal(false);
    expect(message(login).querySelector('slot')!.name).to.equal('cancelled');
    expect(message(login).textContent).to.equal('Cancelled: no passkey was used.');
    expect(fallbackShown(login)).to.equal(false);
    expect(buttonOf(login).disabled).to.equal(false);
    expect(provider.status).to.equal('anonymous');

    await authenticator.setUserVerified(id, true);
    const back = nextStatus(provider, 'authenticated');
    const done = next(login, 'auth0-passkey-complete');
    buttonOf(login).click();
    await back;
    await done;
    await login.updateComplete;
    expect(login.state).to.equal('idle');
  });

  it('a login on a device without a passkey: the no-credential state with the fallback, and an auth0-error passkey_no_credential', async () => {
    const { provider, buttons } = await mount(`<auth0-passkey-button mode="login"><a slot="fallback" href="#password">Log in with a password</a></auth0-passkey-button>`);
    const [login] = buttons;
    expect(fallbackShown(login)).to.equal(false);
    const failed = next(login, 'auth0-error');
    buttonOf(login).click();
    const { error } = (await failed).detail;
    expect(error.code).to.equal('passkey_no_credential');
    expect(error.cause?.name).to.equal('NotAllowedError');
    await login.updateComplete;
    expect(login.getAttribute('state')).to.equal('no-credential');
    expect(message(login).querySelector('slot')!.name).to.equal('no-credential');
    expect(message(login).textContent).to.equal('No passkey for this site on this device.');
    expect(fallbackShown(login)).to.equal(true);
    expect(login.querySelector<HTMLElement>('[slot=fallback]')!.checkVisibility()).to.equal(true);
    expect(provider.status).to.equal('anonymous');
    expect(await tenant.control<any[]>('passkeys')).to.deep.equal([]);
  });

  it('a signup for an email the tenant knows: its refusal as the error state, the passkey_register_error event, no credential made', async () => {
    const { users } = (await tenant.info()) as any;
    const { buttons } = await mount(`<auth0-passkey-button mode="signup" email="${users.alice.email}"></auth0-passkey-button>`);
    const [signup] = buttons;
    const failed = next(signup, 'auth0-error');
    buttonOf(signup).click();
    const { error } = (await failed).detail;
    expect(error.code).to.equal('passkey_register_error');
    expect(error.cause?.error).to.equal('user_exists');
    await signup.updateComplete;
    expect(signup.state).to.equal('error');
    expect(message(signup).getAttribute('role')).to.equal('alert');
    expect(message(signup).textContent).to.equal(error.message);
    expect(await authenticator.credentials(id)).to.deep.equal([]);
  });

  it('its parts, slots and custom properties are the ones custom-elements.json lists', async () => {
    const manifest = await (await fetch('/custom-elements.json')).json();
    const doc = manifest.modules.flatMap((m: any) => m.declarations ?? []).find((d: any) => d.tagName === 'auth0-passkey-button');
    const { provider, buttons } = await mount(`
      <auth0-passkey-button mode="signup"><input slot="email" type="email" aria-label="Email"></auth0-passkey-button>
      <auth0-passkey-button mode="login"></auth0-passkey-button>`);
    const [signup, login] = buttons;
    const parts = new Set<string>();
    const slots = new Set<string>();
    const collect = (el: Auth0PasskeyButton) => {
      for (const node of el.shadowRoot!.querySelectorAll('[part]')) for (const part of node.part) parts.add(part);
      for (const slot of el.shadowRoot!.querySelectorAll('slot')) slots.add(slot.name);
    };
    collect(signup);
    // Each message's slot in its state: cancelled (after a passkey here), no-credential, unsupported.
    const failed = next(login, 'auth0-error');
    buttonOf(login).click();
    await failed;
    await login.updateComplete;
    collect(login);
    // A passkey of this client was used in this browser before (the element's flag): a failed prompt is a cancel.
    localStorage.setItem(`auth0.${provider.client!.getConfiguration().clientId}.passkey`, '1');
    const cancelled = next(login, 'auth0-error');
    await authenticator.setUserVerified(id, false);
    buttonOf(login).click();
    expect((await cancelled).detail.error.code).to.equal('passkey_cancelled');
    await login.updateComplete;
    collect(login);
    const saved = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential')!;
    delete (window as any).PublicKeyCredential;
    try {
      login.showUnsupported = true;
      await login.updateComplete;
      collect(login);
    } finally {
      Object.defineProperty(window, 'PublicKeyCredential', saved);
    }
    const names = (list: Array<{ name: string }> = []) => list.map((item) => item.name).sort();
    expect([...parts].sort()).to.deep.equal(names(doc.cssParts));
    expect([...slots].sort()).to.deep.equal(names(doc.slots));
    const css = login.shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n');
    expect([...new Set([...css.matchAll(/var\((--[\w-]+)/g)].map((m) => m[1]))].sort()).to.deep.equal(names(doc.cssProperties));
  });
});
