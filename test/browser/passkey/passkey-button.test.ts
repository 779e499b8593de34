// <auth0-passkey-button> in Chromium against the local tenant, without an authenticator: hidden
// without WebAuthn with its fallback shown (or shown disabled with `show-unsupported`), the
// signup's missing email as a visible state and an auth0-error, hidden while signed in, and its
// parts, slots and custom properties as the manifest lists them.
import { expect } from '@open-wc/testing';
import '../../../components/index.js';
import type { Auth0PasskeyButton } from '../../../components/define/passkey-button.js';
import { buttonOf, isShown, mountProvider, signOutEverywhere } from '../elements/helpers.js';

/** The element's shadow root once its body (a chunk) has rendered. */
async function rendered(el: Auth0PasskeyButton): Promise<ShadowRoot> {
  for (const deadline = Date.now() + 10_000; !el.shadowRoot?.querySelector('[part=button]'); ) {
    if (Date.now() > deadline) throw new Error('the passkey button never rendered');
    await new Promise((r) => setTimeout(r, 20));
  }
  await el.updateComplete;
  return el.shadowRoot!;
}

async function mount(inner: string) {
  const { provider, ready } = await mountProvider(inner);
  await ready;
  const el = provider.querySelector('auth0-passkey-button') as Auth0PasskeyButton;
  return { provider, el, root: await rendered(el) };
}

/** Whether the named slot of `root` shows (a slot and its content are hidden by `hidden`). */
const slotShown = (root: ShadowRoot, name: string) => {
  const slot = root.querySelector<HTMLSlotElement>(name ? `slot[name="${name}"]` : 'slot:not([name])')!;
  return !slot.closest('[hidden]');
};

describe('<auth0-passkey-button> without an authenticator', function () {
  this.timeout(60_000);
  before(signOutEverywhere);
  after(signOutEverywhere);

  describe('WebAuthn missing', () => {
    let saved: PropertyDescriptor | undefined;
    beforeEach(() => {
      saved = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential');
      delete (window as any).PublicKeyCredential;
    });
    afterEach(() => {
      if (saved) Object.defineProperty(window, 'PublicKeyCredential', saved);
    });

    it('hides the button and shows the fallback slot', async () => {
      const { el, root } = await mount(`<auth0-passkey-button><a slot="fallback" href="#password">Log in with a password</a></auth0-passkey-button>`);
      expect(el.getAttribute('state')).to.equal('unsupported');
      expect(isShown(buttonOf(el))).to.equal(false);
      expect(slotShown(root, 'fallback')).to.equal(true);
      expect(el.querySelector<HTMLAnchorElement>('[slot=fallback]')!.checkVisibility()).to.equal(true);
      expect(root.querySelector('[part=message]')!.hasAttribute('hidden')).to.equal(true);
    });

    it('with show-unsupported: the button shows, disabled, with the unsupported message, and the fallback', async () => {
      const { el, root } = await mount(`<auth0-passkey-button show-unsupported><span slot="fallback">Another way</span></auth0-passkey-button>`);
      const button = buttonOf(el);
      expect(isShown(button)).to.equal(true);
      expect(button.disabled).to.equal(true);
      expect(root.querySelector('[part=message]')!.hasAttribute('hidden')).to.equal(false);
      expect(slotShown(root, 'unsupported')).to.equal(true);
      expect(root.querySelector('[part=message]')!.textContent).to.equal('This browser cannot use passkeys.');
      expect(slotShown(root, 'fallback')).to.equal(true);
    });
  });

  it('with WebAuthn: a real button with the mode’s default label; the fallback is hidden', async () => {
    const { el, root } = await mount(`<auth0-passkey-button><span slot="fallback">Another way</span></auth0-passkey-button>`);
    expect(el.getAttribute('state')).to.equal('idle');
    const button = buttonOf(el);
    expect(button.type).to.equal('button');
    expect(isShown(button)).to.equal(true);
    expect(button.disabled).to.equal(false);
    expect(button.textContent).to.equal('Log in with a passkey');
    expect(slotShown(root, 'fallback')).to.equal(false);
    el.mode = 'signup';
    await el.updateComplete;
    expect(button.textContent).to.equal('Sign up with a passkey');
    expect(slotShown(root, 'email')).to.equal(true);
  });

  it('signup without an email: the email_required state, the input asks, auth0-error — and no request', async () => {
    const { el, root } = await mount(`<auth0-passkey-button mode="signup"><input slot="email" type="email" required aria-label="Email"></auth0-passkey-button>`);
    const errors: Error[] = [];
    el.addEventListener('auth0-error', (e) => errors.push(e.detail.error));
    let started = 0;
    el.addEventListener('auth0-passkey-start', () => started++);
    buttonOf(el).click();
    await el.updateComplete;
    expect(el.state).to.equal('error');
    expect((errors[0] as any).error).to.equal('email_required');
    expect((errors[0] as any).code).to.equal('email_required');
    expect(root.querySelector('[part=message]')!.textContent).to.equal('Enter your email address to sign up with a passkey.');
    expect(root.querySelector('[part=message]')!.getAttribute('role')).to.equal('alert');
    // Not an email address: the input's own validity refuses it too.
    el.querySelector('input')!.value = 'not-an-email';
    buttonOf(el).click();
    await el.updateComplete;
    expect(errors).to.have.length(2);
    expect(started).to.equal(0);
  });

  it('a cancelled auth0-passkey-start keeps the button idle', async () => {
    const { el } = await mount(`<auth0-passkey-button></auth0-passkey-button>`);
    el.addEventListener('auth0-passkey-start', (e) => e.preventDefault());
    const start = new Promise<CustomEvent>((resolve) => el.addEventListener('auth0-passkey-start', resolve as EventListener, { once: true }));
    buttonOf(el).click();
    expect((await start).detail).to.deep.equal({ mode: 'login' });
    await el.updateComplete;
    expect(el.state).to.equal('idle');
  });
});
