// The seed's "Connect Accounts for using Token Vault" example, verbatim, in a page of its own
// (test/fixtures/connect/seed.html): login by redirect, connect the stand-in Google account by
// redirect, finish both callbacks, then the demo API reads the calendar through Token Vault.
// The client is the seed's: memory cache, so the connect callback arrives on a fresh page whose
// refresh token died with the previous one.
import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { cleanSlate, connectFacts, frame, nextFixtureMessage } from './helpers.js';

describe('the seed\'s Connect Accounts example, as written', function () {
  // Three page loads and two redirects, on a machine shared with other test runs.
  this.timeout(60_000);
  beforeEach(cleanSlate);
  afterEach(async () => {
    sessionStorage.removeItem('connect-seed-fixture');
    await tenant.control('autoApproveConnections', false);
  });

  it('logs in, connects google-oauth2, handles the connect_code callback, and the API reads the calendar', async () => {
    const { domain, clientId, apis, apiUrl, users } = await connectFacts();
    sessionStorage.setItem('connect-seed-fixture', JSON.stringify({ domain, clientId, api: apis.default, apiUrl }));
    await tenant.control('autoApproveConnections', true);
    const iframe = frame();
    try {
      const loggedIn = nextFixtureMessage('connect-seed-fixture', 20_000);
      iframe.src = '/test/fixtures/connect/seed.html';
      await tenant.login(users.alice.username, users.alice.password);
      expect(await loggedIn).to.deep.include({ step: 'logged-in', sub: users.alice.sub, status: 'authenticated' });

      await tenant.control('resetRequests');
      const connected = await nextFixtureMessage('connect-seed-fixture', 20_000);
      expect(connected).to.deep.include({ step: 'connected', status: 'authenticated', sub: users.alice.sub });
      const complete = await tenant.control<any[]>('requests', { path: '/me/v1/connected-accounts/complete', method: 'POST' });
      expect(complete.map((r) => r.status)).to.deep.equal([201]);
      // The fresh page had no refresh token (memory mode): the My Account token came from the
      // tenant session through the silent iframe, bound to the same DPoP key.
      const silent = await tenant.control<any[]>('requests', { path: '/authorize', prompt: 'none' });
      expect(silent.map((r) => r.audience)).to.deep.equal([`${(await connectFacts()).myAccount}`]);
      expect(silent[0].dpopJkt).to.be.a('string');

      const calendar = await nextFixtureMessage('connect-seed-fixture', 20_000);
      expect(calendar.step, JSON.stringify(calendar)).to.equal('calendar');
      expect(calendar.status).to.equal(200);
      expect(calendar.body).to.deep.include({ user: users.alice.sub, connection: 'google-oauth2' });
      expect(calendar.body.events.map((event: any) => event.summary)).to.deep.equal(['Stand-up', 'Lunch with the team']);
    } finally {
      iframe.remove();
    }
  });
});
