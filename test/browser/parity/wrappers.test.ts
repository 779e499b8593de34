// The official wrappers on our engine: @auth0/auth0-react and @auth0/auth0-vue built from the
// source their packages ship, with @auth0/auth0-spa-js aliased to our engine
// (test/support/wrappers-plugin.mjs), each run through its README's flow in a frame against the
// tenant — loginWithRedirect, the callback, user, getAccessTokenSilently, reload, logout — in the
// default mode (memory cache, silent iframe) and with refresh tokens in localStorage.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { tenant } from '../../support/tenant.js';
import { cleanSlate, facts } from './harness.js';

interface State {
  isLoading: boolean;
  isAuthenticated: boolean;
  user: { sub: string; name: string } | null;
  error: { name: string; error?: string; message: string } | null;
}
interface Report {
  load: string;
  state: State;
}

/** Every state report the app sent, newest last. */
const reports: Report[] = [];
addEventListener('message', (event) => {
  if (event.origin === location.origin && event.data?.type === 'wrapper-state') reports.push(event.data);
});

/** The first report from `since` on (an index into `reports`: sent already, or to come) that `match` accepts. */
function report(since: number, match: (r: Report) => boolean, what: string, timeoutMs = 15_000): Promise<Report> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      const found = reports.slice(since).find(match);
      if (found) return resolve(found);
      if (Date.now() - started > timeoutMs) return reject(new Error(`no ${what} within ${timeoutMs} ms; reports: ${JSON.stringify(reports.slice(since).map((r) => r.state))}`));
      setTimeout(check, 20);
    };
    check();
  });
}

/** A settled state of a page load other than `not` (a reload or a redirect back is a new load). */
const settled = (authenticated: boolean, not?: string) => (r: Report) =>
  r.load !== not && !r.state.isLoading && r.state.isAuthenticated === authenticated;

const MODES = {
  'memory cache, silent iframe': {},
  'refresh tokens in localStorage': { useRefreshTokens: true, cacheLocation: 'localstorage' },
} as const;

for (const app of ['react', 'vue'] as const) {
  for (const [mode, options] of Object.entries(MODES)) {
    describe(`@auth0/auth0-${app} on our engine (${mode})`, function () {
      this.timeout(90_000);
      let frame: HTMLIFrameElement | undefined;
      afterEach(() => frame?.remove());

      it('loginWithRedirect, callback, user, getAccessTokenSilently, reload, logout', async () => {
        await executeServerCommand('wrapper-bundle', { app });
        await cleanSlate();
        const f = await facts();
        const appUrl = `${location.origin}/test/fixtures/wrappers/app.html`;
        (window as any).wrapperConfig = { domain: f.domain, clientId: f.clientId, options: { ...options, authorizationParams: { audience: f.apis.default } } };
        reports.length = 0;
        frame = document.createElement('iframe');
        frame.name = app;
        frame.style.width = '640px';
        frame.style.height = '520px';
        frame.src = appUrl;
        document.body.append(frame);
        const win = () => frame!.contentWindow as any;

        // Anonymous at first; loginWithRedirect goes to the tenant and comes back with a code.
        const first = await report(0, settled(false), 'anonymous start');
        expect(first.state.error, 'a first visit is no error').to.equal(null);
        let since = reports.length;
        await win().wrapper.loginWithRedirect();
        await tenant.login(f.users.alice.username, f.users.alice.password);
        const back = await report(since, settled(true, first.load), 'logged-in state after the callback');
        expect(back.state.user).to.include({ sub: f.users.alice.sub, name: f.users.alice.name });
        expect(win().location.search, 'the callback parameters are gone from the URL').to.equal('');
        // Our engine ran under the wrapper: it verified the ID token against the JWKS (the SDK never asks).
        expect(await tenant.control<unknown[]>('requests', { path: '/.well-known/jwks.json' })).to.have.length.greaterThan(0);

        const token: string = await win().wrapper.getAccessTokenSilently();
        expect(token.split('.')).to.have.length(3);
        expect(await win().wrapper.getAccessTokenSilently(), 'served from the cache').to.equal(token);

        // A reload restores the session: by the silent iframe, or from localStorage.
        await tenant.control('resetRequests');
        since = reports.length;
        win().location.reload();
        const reloaded = await report(since, settled(true, back.load), 'logged-in state after a reload');
        expect(reloaded.state.user).to.include({ sub: f.users.alice.sub });
        const fresh = await win().wrapper.getAccessTokenSilently({ cacheMode: 'off' });
        expect(fresh.split('.')).to.have.length(3);
        const grants = (await tenant.control<Array<{ grantType?: string }>>('tokenRequests')).map((r) => r.grantType);
        expect(grants, 'how the session was renewed').to.include('useRefreshTokens' in options ? 'refresh_token' : 'authorization_code');
        if ('useRefreshTokens' in options) expect(grants).to.not.include('authorization_code');

        // logout goes through the tenant's /v2/logout and back; the app is anonymous again.
        await tenant.control('resetRequests');
        since = reports.length;
        await win().wrapper.logout({ logoutParams: { returnTo: appUrl } });
        const out = await report(since, settled(false, reloaded.load), 'anonymous state after logout');
        expect(out.state.user).to.equal(null);
        expect(await tenant.control<unknown[]>('requests', { path: '/v2/logout' })).to.have.length(1);

        // Errors are our engine's classes, with the SDK's codes.
        const error = await win().wrapper.getAccessTokenSilently().then(
          () => expect.fail('a token after logout'),
          (e: any) => e,
        );
        expect(error).to.be.instanceOf(win().engine.GenericError);
        expect(error.error).to.equal('useRefreshTokens' in options ? 'missing_refresh_token' : 'login_required');
      });
    });
  }
}
