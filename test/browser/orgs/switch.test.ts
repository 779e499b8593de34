// Switching organizations on real pages (in an iframe: the switch leaves the page for the tenant
// and comes back): the seed's switchOrganization as written, and <auth0-organization-switcher>.
// Kept apart from the other files on purpose: every engine a test page ever made listens to the
// session events of the page's other engines (cross-tab sync), and ones left without a session
// join each login with a silent authentication of their own organization — which the local tenant
// lets end a code of another organization's login still in flight (one grant per client and
// session). Here, the only other engines are the tests' own signed-in ones.
import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import type { Auth0OrganizationSwitcher } from '../../../components/define/organization-switcher.js';
import { cleanSlate, facts, FixtureFrame, newClient, organizationHint, popupLogin } from './helpers.js';

const options = (switcher: Element) => [...switcher.shadowRoot!.querySelectorAll('button')];
const labelOf = (button: HTMLButtonElement) => {
  const slot = button.querySelector('slot')!;
  const assigned = slot.assignedNodes();
  return (assigned.length ? assigned.map((node) => node.textContent).join('') : slot.textContent!).trim();
};

describe('switching organizations', () => {
  beforeEach(cleanSlate);

  it('runs the seed\'s switchOrganization verbatim: from acme to globex by redirect, no password asked', async () => {
    const { organizations, domain, clientId } = await facts();
    // Signed in to acme (the hint and the tenant session are what a reload finds).
    await popupLogin(await newClient(), 'alice', { authorizationParams: { organization: organizations.acme.id } });
    const page = new FixtureFrame('/test/fixtures/orgs/seed-examples.html', 'orgs-fixture');
    try {
      page.open({ scenario: 'switch', domain, clientId, newOrganization: organizations.globex.id });
      const before = await page.next((m) => m.step === 'before' || m.step === 'error');
      expect(before).to.include({ step: 'before', org_id: organizations.acme.id, status: 'authenticated' });
      const after = await page.next((m) => m.step === 'callback' || m.step === 'error');
      expect(after).to.include({ step: 'callback', org_id: organizations.globex.id, org_name: organizations.globex.name, status: 'authenticated' });
      expect(await organizationHint()).to.equal(organizations.globex.id);
    } finally {
      page.remove();
    }
  });

  it('moves the session from acme to globex through the tenant, without a login form', async () => {
    const { organizations, domain, clientId, users } = await facts();
    await popupLogin(await newClient(), 'alice', { authorizationParams: { organization: organizations.acme.id } });
    const page = new FixtureFrame('/test/fixtures/orgs/app.html', 'orgs-app-fixture');
    try {
      page.open({
        domain,
        clientId,
        organizations: `${organizations.acme.id},${organizations.globex.id}`,
        labels: { [organizations.acme.id]: 'Acme', [organizations.globex.id]: 'Globex' },
      });
      // On load, the hint brings back the acme session.
      const ready = await page.next((m) => m.type === 'auth0-ready');
      expect(ready.detail.status).to.equal('authenticated');
      const switcher = page.document.querySelector('auth0-organization-switcher')!;
      await (switcher as Auth0OrganizationSwitcher).updateComplete;
      const [acme, globex] = options(switcher);
      expect([labelOf(acme), labelOf(globex)]).to.deep.equal(['Acme', 'Globex']);
      expect(acme.getAttribute('aria-current')).to.equal('true');

      await tenant.control('resetRequests');
      page.messages.length = 0;
      globex.click();
      await page.next((m) => m.type === 'auth0-login');
      // The local session is cleared first, then the page leaves for the tenant and comes back.
      await page.next((m) => m.type === 'auth0-session-change' && m.detail.status === 'anonymous');
      const change = await page.next((m) => m.type === 'auth0-session-change' && m.detail.status === 'authenticated');
      expect(change.detail.user.sub).to.equal(users.alice.sub);
      expect(change.detail.user.org_id).to.equal(organizations.globex.id);
      const requests = await tenant.control<Array<{ path: string }>>('requests');
      expect(requests.filter((r) => r.path.startsWith('/u/login'))).to.deep.equal([]);
      expect(requests.some((r) => r.path === '/authorize')).to.equal(true);
      const after = page.document.querySelector('auth0-organization-switcher') as Auth0OrganizationSwitcher;
      await after.updateComplete;
      expect(options(after).map((b) => b.getAttribute('aria-current'))).to.deep.equal([null, 'true']);
      expect(await organizationHint()).to.equal(organizations.globex.id);
    } finally {
      page.remove();
    }
  });

  it('a switch the tenant refuses (not a member) ends in auth0-error with the AuthenticationError', async () => {
    const { organizations, domain, clientId } = await facts();
    await popupLogin(await newClient(), 'mallory');
    const page = new FixtureFrame('/test/fixtures/orgs/app.html', 'orgs-app-fixture');
    try {
      page.open({ domain, clientId, organizations: organizations.acme.id });
      await page.next((m) => m.type === 'auth0-ready' && m.detail.status === 'authenticated');
      const switcher = page.document.querySelector('auth0-organization-switcher') as Auth0OrganizationSwitcher;
      await switcher.updateComplete;
      page.messages.length = 0;
      options(switcher)[0].click();
      const error = await page.next((m) => m.type === 'auth0-error');
      expect(error.detail.error).to.deep.equal({ error: 'access_denied', name: 'AuthenticationError' });
      await page.next((m) => m.type === 'auth0-ready' && m.detail.status === 'error');
    } finally {
      page.remove();
    }
  });
});
