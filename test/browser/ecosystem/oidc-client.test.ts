// The tenant as a standard OpenID provider, seen by a generic client in the browser (issue 14):
// oidc-client-ts's UserManager logs in by redirect (PKCE, the code callback, /userinfo) and by popup,
// renews silently in a hidden iframe (prompt=none, the tenant's session cookie) and by refresh
// token, revokes from the page and signs out through the discovery's end_session_endpoint; an
// iframe renew without a session fails as login_required, answered without an HTTP error. Every
// request the browser makes crosses origins (the tenant's CORS). test/node/tenant-oidc-client
// covers the same flows' answers in Node.
import { expect } from '@open-wc/testing';
import { UserManager, type User } from 'oidc-client-ts';
import { tenant } from '../../support/tenant.js';
import { facts, signOutEverywhere } from '../elements/helpers.js';

const FIXTURES = new URL('/test/fixtures/ecosystem/', location.origin).href;
const CALLBACK = `${FIXTURES}oidc-client-callback.html`;

interface Request {
  method: string;
  path: string;
  status: number;
  grantType?: string;
  prompt?: string;
  params?: Record<string, string>;
}

async function until<T>(find: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let found: T | undefined;
    try {
      found = find();
    } catch {
      // the frame is on the tenant's origin for now
    }
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const requests = (filter: Partial<Request>) => tenant.control<Request[]>('requests', filter);

/** The settings every UserManager here shares: the tenant's discovery, the SPA client, no timers. */
async function settings(scope: string) {
  const { issuer, clientId } = await facts();
  return { authority: issuer, client_id: clientId, scope, response_type: 'code', loadUserInfo: true, automaticSilentRenew: false };
}

describe('oidc-client-ts against the tenant, in Chromium', function () {
  this.timeout(60_000);
  beforeEach(async () => {
    await signOutEverywhere();
    await tenant.control('resetRequests');
  });

  it('redirect login with PKCE in a page, silent renew in a hidden iframe, sign-out, then login_required without an HTTP error', async () => {
    const { users } = await facts();
    (window as any).__oidcSettings = await settings('openid profile email');
    const frame = document.createElement('iframe');
    frame.src = `${FIXTURES}oidc-client-app.html`;
    document.body.append(frame);
    const app = () => (frame.contentWindow as any).app;
    try {
      const manager: UserManager = (await until(app, 'the app')).manager;
      void manager.signinRedirect(); // navigates the frame to the tenant's login page
      await tenant.login(users.alice.username, users.alice.password);
      const user: User = await (await until(() => app()?.callback, 'the redirect callback'));
      expect(user.profile.sub).to.equal(users.alice.sub);
      expect(user.profile.email).to.equal(users.alice.email); // from /userinfo (loadUserInfo), across origins
      expect(user.refresh_token ?? null, 'no offline_access asked: no refresh token').to.equal(null);
      const [authorize] = await requests({ path: '/authorize' });
      expect(authorize.params!.code_challenge_method).to.equal('S256');
      expect(await requests({ path: '/oauth/token', grantType: 'authorization_code', status: 200 })).to.have.length(1);

      // Silent renew: no refresh token, so a hidden iframe with prompt=none on the tenant's session.
      await tenant.control('resetRequests');
      const renewed: User = await app().manager.signinSilent();
      expect(renewed.profile.sub).to.equal(users.alice.sub);
      expect(renewed.access_token).to.not.equal(user.access_token);
      const silent = await requests({ path: '/authorize', prompt: 'none' });
      expect(silent.map((r) => [r.status, r.params!.redirect_uri, r.params!.response_mode ?? 'query'])).to.deep.equal([[303, CALLBACK, 'query']]);
      expect(await requests({ path: '/oauth/token', grantType: 'refresh_token' })).to.deep.equal([]);

      // Sign-out through end_session_endpoint: the tenant sends the frame back to the app.
      void app().manager.signoutRedirect(); // navigates the frame (its promise never settles)
      await until(() => app()?.signedOut, 'the post-logout redirect');
      expect(await requests({ path: '/oidc/logout', method: 'GET' })).to.have.length(1);

      // Without a session the iframe's answer is login_required, as a redirect (not an HTTP error).
      await tenant.control('resetRequests');
      let refused: any;
      await app().manager.signinSilent().catch((error: unknown) => (refused = error));
      expect(refused?.error).to.equal('login_required');
      const none = await requests({ path: '/authorize', prompt: 'none' });
      expect(none.map((r) => r.status)).to.deep.equal([303]);
    } finally {
      frame.remove();
      delete (window as any).__oidcSettings;
    }
  });

  it('popup login with offline_access, renew by refresh token, revoke from the page, the revoked token refused', async () => {
    const { users, issuer, clientId } = await facts();
    const manager = new UserManager({
      ...(await settings('openid profile email offline_access')),
      redirect_uri: CALLBACK,
      popup_redirect_uri: CALLBACK,
      silent_redirect_uri: CALLBACK,
    });
    const popup = manager.signinPopup();
    await tenant.login(users.alice.username, users.alice.password);
    const user = await popup;
    expect(user.profile.email).to.equal(users.alice.email);
    expect(user.scope).to.equal('openid profile email offline_access');
    expect(user.refresh_token, 'offline_access gives a refresh token').to.be.a('string');

    // signinSilent() with a refresh token in store: the refresh grant, no iframe.
    await tenant.control('resetRequests');
    const renewed = await manager.signinSilent();
    expect(renewed!.refresh_token).to.be.a('string').and.not.equal(user.refresh_token); // rotated
    expect(await requests({ path: '/oauth/token', grantType: 'refresh_token', status: 200 })).to.have.length(1);
    expect(await requests({ path: '/authorize' })).to.deep.equal([]);

    // Revocation from the page: CORS and an answer oidc-client-ts accepts.
    const revoked = renewed!.refresh_token!;
    await manager.revokeTokens(['refresh_token']);
    expect(await requests({ path: '/oauth/revoke', status: 200 })).to.have.length(1);
    expect((await manager.getUser())!.refresh_token ?? null).to.equal(null);
    const answer = await fetch(`${issuer}oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, refresh_token: revoked }),
    });
    expect(answer.status).to.equal(400);
    expect((await answer.json()).error).to.equal('invalid_grant');
    await manager.removeUser();
  });
});
