// <auth0-organization-switcher>: what it renders (parts, slots, current organization, a11y), the
// cancelable auth0-login, and the switch itself on a real page: the session moves from one
// organization to the other through the tenant, without a password prompt.
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { tenant } from '../../support/tenant.js';
import '../../../components/define/organization-switcher.js';
import type { Auth0OrganizationSwitcher } from '../../../components/define/organization-switcher.js';
import { captureWarnings, mountProvider, nextStatus, signOutEverywhere } from '../elements/helpers.js';
import { facts, newClient, organizationHint, popupLogin } from './helpers.js';

const options = (switcher: Element) => [...switcher.shadowRoot!.querySelectorAll('button')];
const labelOf = (button: HTMLButtonElement) => {
  const slot = button.querySelector('slot')!;
  const assigned = slot.assignedNodes();
  return (assigned.length ? assigned.map((node) => node.textContent).join('') : slot.textContent!).trim();
};

/** A provider on the test tenant with a switcher for acme (by id) and globex (by name). */
async function mountSwitcher(providerAttributes: Record<string, string> = {}, inner = '') {
  const { organizations } = await facts();
  const mounted = await mountProvider(
    `<auth0-organization-switcher organizations="${organizations.acme.id}, globex ,${organizations.acme.id}">${inner}</auth0-organization-switcher>`,
    providerAttributes,
  );
  const switcher = mounted.provider.querySelector('auth0-organization-switcher') as Auth0OrganizationSwitcher;
  return { ...mounted, switcher };
}

describe('<auth0-organization-switcher>', () => {
  beforeEach(signOutEverywhere);

  it('lists each organization once as a real button with parts, slotted or fallback labels, and is accessible', async () => {
    const { organizations } = await facts();
    const { switcher, ready } = await mountSwitcher({}, `<span slot="${organizations.acme.id}">Acme Corporation</span>`);
    await ready;
    await switcher.updateComplete;
    const buttons = options(switcher);
    expect(buttons.map(labelOf)).to.deep.equal(['Acme Corporation', 'globex']);
    expect(buttons.map((b) => b.getAttribute('part'))).to.deep.equal(['option', 'option']);
    expect(buttons.every((b) => b.type === 'button' && !b.disabled && !b.hasAttribute('aria-current'))).to.equal(true);
    const root = switcher.shadowRoot!;
    expect(root.querySelector('[part=base]')!.getAttribute('role')).to.equal('group');
    expect(root.querySelector('[part=label] slot[name=label]')!.textContent).to.equal('Organization');
    expect(root.querySelectorAll('[part=list] > [part=item]')).to.have.length(2);
    await expect(switcher).to.be.accessible();
  });

  it('renders nothing outside a provider, with one warning', async () => {
    const { warnings } = await captureWarnings(async () => {
      const orphan = document.createElement('auth0-organization-switcher');
      orphan.setAttribute('organizations', 'acme');
      document.body.append(orphan);
      await (orphan as Auth0OrganizationSwitcher).updateComplete;
      expect(orphan.shadowRoot!.querySelector('button')).to.equal(null);
      orphan.remove();
    });
    expect(warnings.filter((w) => w.includes('auth0-organization-switcher')).length).to.be.at.most(1);
  });

  it('marks the organization the user is signed in to, by id and by name in any case', async () => {
    const { organizations, users } = await facts();
    const { provider, switcher, ready } = await mountSwitcher({}, '');
    switcher.organizations = `${organizations.acme.id},GLOBEX`;
    await ready;
    const client = provider.client!;
    const authenticated = nextStatus(provider, 'authenticated');
    const done = client.loginWithPopup({ authorizationParams: { organization: organizations.globex.id } });
    await tenant.login(users.alice.username, users.alice.password);
    await done;
    await authenticated;
    await switcher.updateComplete;
    const [acme, globex] = options(switcher);
    expect(acme.hasAttribute('aria-current')).to.equal(false);
    expect(globex.getAttribute('aria-current')).to.equal('true');
    expect(globex.getAttribute('part')).to.equal('option option-current');
    await expect(switcher).to.be.accessible();

    // Choosing the current organization does nothing.
    let fired = 0;
    provider.addEventListener('auth0-login', () => fired++);
    globex.click();
    await switcher.updateComplete;
    expect(fired).to.equal(0);
    expect(provider.status).to.equal('authenticated');
  });

  it('fires a cancelable auth0-login from the keyboard; cancelling keeps the session', async () => {
    const { organizations } = await facts();
    await popupLogin(await newClient(), 'alice', { authorizationParams: { organization: organizations.acme.id } });
    const { provider, switcher, ready } = await mountSwitcher();
    await ready;
    expect(provider.status).to.equal('authenticated');
    await switcher.updateComplete;
    switcher.addEventListener('auth0-login', (event) => event.preventDefault());
    const login = oneEvent(provider, 'auth0-login');
    options(switcher)[1].focus();
    await sendKeys({ press: 'Enter' });
    const event = await login;
    expect(event.detail).to.deep.equal({ mode: 'redirect' });
    expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
    expect(provider.status).to.equal('authenticated');
    expect(await organizationHint()).to.equal(organizations.acme.id);
  });
});
