// Organization invitations: an invitation link opened on a page with the provider, the seed's
// "Accept user invitations" code, popups, and the tenant's rule that a ticket works once and only
// for the address it was sent to.
import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { AuthenticationError, GenericError } from '../../../src/index.js';
import { CALLBACK_PAGE, cleanSlate, facts, failure, FixtureFrame, newClient, redirectRoundTrip } from './helpers.js';

/** An invitation ticket to globex for bob (who may or may not be a member already: it works once either way). */
async function inviteBob(): Promise<string> {
  const { users } = await facts();
  return tenant.control<string>('createInvitation', 'globex', users.bob.email);
}

const APP = '/test/fixtures/orgs/app.html';

describe('organization invitations', () => {
  beforeEach(cleanSlate);

  it('an invitation link on a provider page logs in with both parameters, leaves no trace in the address bar, and works once', async () => {
    const { users, organizations, domain, clientId } = await facts();
    const ticket = await inviteBob();
    const link = `?${new URLSearchParams({ invitation: ticket, organization: organizations.globex.id, organization_name: organizations.globex.name })}`;
    const page = new FixtureFrame(APP, 'orgs-app-fixture');
    try {
      sessionStorage.removeItem('orgs-app-fixture-left');
      await tenant.control('resetRequests');
      page.open({ domain, clientId, organizations: '' }, link);
      await tenant.login(users.bob.username, users.bob.password);
      const change = await page.next((m) => m.type === 'auth0-session-change' && m.detail.status === 'authenticated');
      expect(change.detail.user.sub).to.equal(users.bob.sub);
      expect(change.detail.user.org_id).to.equal(organizations.globex.id);
      expect(page.frame.contentWindow!.location.search).to.equal('');
      // The page had already removed the invitation from its address when it left for the tenant.
      expect(sessionStorage.getItem('orgs-app-fixture-left')).to.equal(`${location.origin}${APP}`);
      const [authorize] = await tenant.control<Array<Record<string, string>>>('requests', { path: '/authorize' });
      expect(authorize.organization).to.equal(organizations.globex.id);

      // The same link again (another login request): the tenant refuses the used ticket.
      page.messages.length = 0;
      page.frame.src = `${APP}${link}`;
      const error = await page.next((m) => m.type === 'auth0-error');
      expect(error.detail.error).to.deep.equal({ error: 'access_denied', name: 'AuthenticationError' });
      await page.next((m) => m.type === 'auth0-ready' && m.detail.status === 'error');
    } finally {
      page.remove();
    }
  });

  it('refuses a reused invitation with AuthenticationError access_denied ("already been used")', async () => {
    const { organizations } = await facts();
    const ticket = await inviteBob();
    const params = { invitation: ticket, organization: organizations.globex.id };
    const first = await newClient({ authorizationParams: { redirect_uri: CALLBACK_PAGE } });
    await first.handleRedirectCallback(await redirectRoundTrip(first, 'bob', { authorizationParams: params }));
    expect((await first.getUser())?.org_id).to.equal(organizations.globex.id);

    const second = await newClient({ authorizationParams: { redirect_uri: CALLBACK_PAGE } });
    const url = await redirectRoundTrip(second, undefined, { authorizationParams: params });
    const error = await failure(second.handleRedirectCallback(url));
    expect(error).to.be.instanceOf(AuthenticationError);
    expect(error.error).to.equal('access_denied');
    expect(error.error_description).to.match(/already been used/);
    expect(await second.isAuthenticated()).to.equal(false);
  });

  it('refuses an invitation sent to another address (popup: GenericError access_denied)', async () => {
    const { users, organizations } = await facts();
    const forMallory = await tenant.control<string>('createInvitation', 'globex', users.mallory.email);
    const client = await newClient();
    const done = failure(client.loginWithPopup({ authorizationParams: { invitation: forMallory, organization: organizations.globex.id } }));
    await tenant.login(users.bob.username, users.bob.password);
    const error = await done;
    expect(error).to.be.instanceOf(GenericError);
    expect(error.error).to.equal('access_denied');
    expect(error.error_description).to.match(/another email/);
  });

  it('accepts an invitation by popup', async () => {
    const { users, organizations } = await facts();
    const client = await newClient();
    const done = client.loginWithPopup({ authorizationParams: { invitation: await inviteBob(), organization: organizations.globex.name } });
    await tenant.login(users.bob.username, users.bob.password);
    await done;
    expect((await client.getUser())?.org_name).to.equal(organizations.globex.name);
  });

  it('runs the seed\'s "Accept user invitations" code verbatim on an invitation URL', async () => {
    const { users, organizations, domain, clientId } = await facts();
    const link = `?${new URLSearchParams({ invitation: await inviteBob(), organization: organizations.globex.id })}`;
    const page = new FixtureFrame('/test/fixtures/orgs/seed-examples.html', 'orgs-fixture');
    try {
      page.open({ scenario: 'invitation', domain, clientId }, link);
      await tenant.login(users.bob.username, users.bob.password);
      const result = await page.next((m) => m.step === 'callback' || m.step === 'error');
      expect(result).to.include({ step: 'callback', sub: users.bob.sub, org_id: organizations.globex.id, status: 'authenticated' });
    } finally {
      page.remove();
    }
  });
});
