import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { cleanSlate, facts, frame, nextFixtureMessage } from './helpers.js';

// Issue 2 "Done when": a plain HTML page that imports createAuth0Client from the built
// dist/engine.min.js runs login → getUser → getTokenSilently → logout against the local tenant,
// with domain = http://127.0.0.1:PORT. `npm test` builds dist before the browser tests.
describe('acceptance: a plain page on dist/engine.min.js', () => {
  beforeEach(cleanSlate);

  it('logs in by redirect, reads the user, gets tokens silently and logs out', async () => {
    const { domain, clientId, users, apis } = await facts();
    expect(domain).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    sessionStorage.setItem('engine-test-plain-page', JSON.stringify({ domain, clientId, audience: apis.default }));
    const iframe = frame();
    try {
      const loggedIn = nextFixtureMessage('engine-test-plain-page', 20_000);
      iframe.src = '/test/fixtures/engine/plain-page.html';
      await tenant.login(users.alice.username, users.alice.password);
      const first = await loggedIn;
      const loggedOut = nextFixtureMessage('engine-test-plain-page', 20_000);
      expect(first, JSON.stringify(first)).to.deep.include({
        step: 'logged-in',
        user: { sub: users.alice.sub, name: users.alice.name, email: users.alice.email },
        authenticated: true,
        cachedIsJwt: true,
        freshIsJwt: true,
        freshDiffers: true,
        addressBarClean: true,
      });
      const second = await loggedOut;
      expect(second, JSON.stringify(second)).to.deep.include({ step: 'logged-out', authenticated: false, user: null, silent: 'login_required' });
    } finally {
      iframe.remove();
      sessionStorage.removeItem('engine-test-plain-page');
    }
  });
});
