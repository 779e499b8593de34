import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { tenant } from '../../support/tenant.js';
import { PopupCancelledError } from '../../../components/index.js';
import type { Auth0LoginButton } from '../../../components/index.js';
import { buttonOf, captureWarnings, facts, isShown, mountProvider, nextStatus, signIn, signOutEverywhere } from './helpers.js';

describe('<auth0-login-button>', () => {
  beforeEach(signOutEverywhere);
  afterEach(() => tenant.control('clearFaults'));

  it('is a real, accessible button with a slotted label and a fallback', async () => {
    const { provider, ready } = await mountProvider(
      '<auth0-login-button id="plain"></auth0-login-button><auth0-login-button id="custom">Sign in to read</auth0-login-button>',
    );
    await ready;
    const plain = provider.querySelector('#plain')!;
    const custom = provider.querySelector('#custom')!;
    const button = buttonOf(plain);
    expect(button.localName).to.equal('button');
    expect(button.getAttribute('part')).to.equal('button');
    expect(button.type).to.equal('button');
    expect(isShown(plain)).to.equal(true);
    expect(button.querySelector('slot')!.textContent).to.equal('Log in');
    expect(custom.shadowRoot!.querySelector('slot')!.assignedNodes()[0].textContent).to.equal('Sign in to read');
    await expect(plain).to.be.accessible();
    await expect(custom).to.be.accessible();
  });

  it('renders nothing while the session loads, and warns once outside a provider', async () => {
    const { clientId } = await facts();
    document.cookie = `auth0.${clientId}.is.authenticated=true; path=/`;
    await tenant.control('fault', 'authorize', 'hang');
    const { provider, ready } = await mountProvider('<auth0-login-button></auth0-login-button>', { 'authorize-timeout': '1' });
    const element = provider.querySelector('auth0-login-button')!;
    await provider.updateComplete;
    await (element as Auth0LoginButton).updateComplete;
    expect(provider.status).to.equal('loading');
    expect(isShown(element)).to.equal(false);
    await ready;

    const { warnings } = await captureWarnings(async () => {
      for (let i = 0; i < 2; i++) {
        const orphan = document.createElement('auth0-login-button');
        document.body.append(orphan);
        await orphan.updateComplete;
        expect(orphan.shadowRoot!.querySelector('button')).to.equal(null);
        orphan.remove();
      }
    });
    // Once per page: this test may not be the first to put one outside a provider.
    expect(warnings.filter((w) => w.includes('auth0-login-button')).length).to.be.at.most(1);
  });

  it('keyboard activation fires a cancelable auth0-login; cancelling it keeps the page', async () => {
    const { provider, ready } = await mountProvider('<auth0-login-button screen-hint="signup"></auth0-login-button>');
    await ready;
    const element = provider.querySelector('auth0-login-button')!;
    element.addEventListener('auth0-login', (event) => event.preventDefault());
    const fired = oneEvent(provider, 'auth0-login');
    element.focus();
    expect(element.shadowRoot!.activeElement).to.equal(buttonOf(element));
    await sendKeys({ press: 'Enter' });
    const event = await fired;
    expect(event.detail).to.deep.equal({ mode: 'redirect' });
    expect([event.bubbles, event.composed, event.cancelable, event.defaultPrevented]).to.deep.equal([true, true, true, true]);
    // Space activates it as well.
    const again = oneEvent(provider, 'auth0-login');
    await sendKeys({ press: 'Space' });
    await again;
    expect(location.pathname).to.not.contain('/authorize');
  });

  it('logs in through a popup from a click, ending with <auth0-user> showing the name', async () => {
    const { users } = await facts();
    const { provider, ready } = await mountProvider(
      '<auth0-login-button mode="popup">Log in</auth0-login-button><auth0-user></auth0-user>',
    );
    await ready;
    const element = provider.querySelector('auth0-login-button')!;
    const login = oneEvent(provider, 'auth0-login');
    const authenticated = nextStatus(provider, 'authenticated');
    element.focus();
    await sendKeys({ press: 'Enter' }); // a trusted activation: the popup opens synchronously in it
    expect((await login).detail).to.deep.equal({ mode: 'popup' });
    await tenant.login(users.alice.username, users.alice.password);
    await authenticated;
    const user = provider.querySelector('auth0-user')!;
    await (user as any).updateComplete;
    expect(user.shadowRoot!.querySelector('[part=name]')!.textContent).to.equal(users.alice.name);
    await (element as Auth0LoginButton).updateComplete;
    expect(isShown(element)).to.equal(false); // hidden while authenticated
  });

  it('stays visible while authenticated with `always`, and passes its parameters', async () => {
    await signIn('alice');
    const { organizations } = await facts();
    const { provider, ready } = await mountProvider(
      `<auth0-login-button always mode="popup" organization="${organizations.acme.name}"></auth0-login-button>
       <auth0-login-button id="hidden"></auth0-login-button>`,
    );
    await ready;
    expect(provider.status).to.equal('authenticated');
    const element = provider.querySelector('auth0-login-button[always]') as HTMLElement;
    expect(isShown(element)).to.equal(true);
    expect(isShown(provider.querySelector('#hidden')!)).to.equal(false);
    const changed = new Promise<CustomEvent>((resolve) =>
      provider.addEventListener('auth0-session-change', (event) => event.detail.user?.org_id && resolve(event)),
    );
    element.focus();
    await sendKeys({ press: 'Enter' });
    // The tenant session from signIn answers at once (single sign-on): no login form this time.
    const event = await changed;
    expect(event.detail.user.org_id).to.equal(organizations.acme.id);
    expect(event.detail.user.org_name).to.equal(organizations.acme.name);
  });

  it('reports a popup closed by the user as auth0-error with PopupCancelledError', async () => {
    const { provider, ready } = await mountProvider('<auth0-login-button mode="popup"></auth0-login-button>', {
      'authorize-timeout': '8',
    });
    await ready;
    const element = provider.querySelector('auth0-login-button')!;
    const failed = oneEvent(element, 'auth0-error');
    element.focus();
    await sendKeys({ press: 'Enter' });
    // The engine names its popup; reach it by name and close it, as a user would.
    window.open('', 'auth0:authorize:popup')?.close();
    const { detail } = await failed;
    expect(detail.error).to.be.instanceOf(PopupCancelledError);
    expect(detail.error.error).to.equal('cancelled');
    await (element as Auth0LoginButton).updateComplete;
    expect(buttonOf(element).disabled).to.equal(false);
  });
});
