// The tenant as a standard OpenID provider (issue 14): oidc-client-ts, a certified-style generic
// client, runs its flows against it in Node — discovery, redirect login with PKCE and the code
// callback, silent renew by refresh token, revocation, sign-out — and the answers Auth0 gives where
// the library is strict: `offline_access` in discovery, an empty revocation answer, the silent
// iframe's "no session" page with 200. (Renew by iframe needs a browser: its answer is checked here.)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { InMemoryWebStorage, OidcClient, WebStorageStateStore } from 'oidc-client-ts';
import { startTenant } from '../../demo/tenant/index.js';
import { APP_ORIGIN, CALLBACK, Browser, pkce } from '../support/tenant-flow.mjs';

let tenant;
let client;

before(async () => {
  tenant = await startTenant({ appOrigins: [APP_ORIGIN], quiet: true });
  client = new OidcClient({
    authority: tenant.issuer,
    client_id: tenant.info.clients.spa.clientId,
    redirect_uri: CALLBACK,
    post_logout_redirect_uri: `${APP_ORIGIN}/`,
    scope: 'openid profile email offline_access',
    stateStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    // The tenant's ID tokens are checked by oidc-client-ts's claim rules (it leaves signatures to the server).
    loadUserInfo: true,
  });
});
after(() => tenant.close());

/** A redirect login as the user would do it: the authorize URL, the login form, back to the app. */
async function signIn(browser, args = {}) {
  const request = await client.createSigninRequest(args);
  let page = await browser.navigate(request.url);
  assert.match(page.url.pathname, /^\/u\/login\//, 'the tenant shows its login page');
  const { username, password } = tenant.info.users.alice;
  page = await browser.navigate(page.url.pathname, { method: 'POST', form: { username, password } });
  assert.equal(`${page.url.origin}${page.url.pathname}`, CALLBACK);
  return { request, callback: page.url.href };
}

test('discovery lists offline_access (not the internal name) and the endpoints oidc-client-ts uses', { timeout: 20_000 }, async () => {
  const metadata = await client.metadataService.getMetadata();
  assert.ok(metadata.scopes_supported.includes('offline_access'));
  assert.ok(!metadata.scopes_supported.includes('offline'));
  for (const endpoint of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'revocation_endpoint', 'end_session_endpoint', 'jwks_uri']) {
    assert.ok(metadata[endpoint]?.startsWith(tenant.issuer), endpoint);
  }
});

test('redirect login with PKCE, the callback, renew by refresh token, revoke, sign-out', { timeout: 30_000 }, async () => {
  const browser = new Browser(tenant.domain);
  const { request, callback } = await signIn(browser);
  assert.match(request.url, /code_challenge_method=S256/);
  const user = await client.processSigninResponse(callback);
  assert.equal(user.profile.sub, tenant.info.users.alice.sub);
  assert.equal(user.profile.email, tenant.info.users.alice.email); // from /userinfo (loadUserInfo)
  assert.ok(user.access_token && user.refresh_token, 'offline_access gives a refresh token');

  const renewed = await client.useRefreshToken({ state: { refresh_token: user.refresh_token, session_state: null, profile: user.profile, scope: user.scope } });
  assert.ok(renewed.access_token);
  assert.notEqual(renewed.refresh_token, user.refresh_token, 'rotated');

  // Revocation: no error from a client that checks the answer's content type.
  await client.revokeToken(renewed.refresh_token, 'refresh_token');
  await assert.rejects(
    client.useRefreshToken({ state: { refresh_token: renewed.refresh_token, session_state: null, profile: user.profile, scope: user.scope } }),
    (error) => error.error === 'invalid_grant',
  );

  const signout = await client.createSignoutRequest({ id_token_hint: user.id_token });
  const logout = await browser.navigate(signout.url);
  // The tenant confirms with an auto-submitted form, then sends the browser back to the app.
  const form = logout.html?.match(/<form[^>]*action="([^"]+)"/)?.[1];
  const back = form ? await browser.navigate(form.replace(/&amp;/g, '&'), { method: 'POST', form: Object.fromEntries([...logout.html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1], m[2]])) }) : logout;
  assert.equal(back.url.origin, APP_ORIGIN);
});

test('a login for an API (audience): the access token is for the API and <issuer>userinfo, so loadUserInfo works', { timeout: 30_000 }, async () => {
  const api = tenant.info.apis.default;
  const { callback } = await signIn(new Browser(tenant.domain), {
    scope: 'openid profile email read:messages', extraQueryParams: { audience: api },
  });
  const user = await client.processSigninResponse(callback);
  const { aud, scope } = JSON.parse(Buffer.from(user.access_token.split('.')[1], 'base64url').toString());
  assert.deepEqual(aud, [api, `${tenant.issuer}userinfo`]);
  assert.equal(scope, 'read:messages');
  assert.equal(user.profile.email, tenant.info.users.alice.email); // from /userinfo, with the API's token
  // Another client's API token (client credentials: no user, no openid) is still refused there.
  const { clientId, clientSecret } = tenant.info.clients.confidential;
  const m2m = await (await fetch(`${tenant.issuer}oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, audience: api }),
  })).json();
  assert.ok(m2m.access_token);
  const refused = await fetch(`${tenant.issuer}userinfo`, { headers: { authorization: `Bearer ${m2m.access_token}` } });
  assert.equal(refused.status, 401);
});

test("the silent iframe's no-session answer (web_message, prompt=none) is a 200 page posting login_required", { timeout: 20_000 }, async () => {
  const { challenge } = pkce();
  const query = new URLSearchParams({
    client_id: tenant.info.clients.spa.clientId, response_type: 'code', redirect_uri: APP_ORIGIN, scope: 'openid',
    state: 's', nonce: 'n', code_challenge: challenge, code_challenge_method: 'S256', prompt: 'none', response_mode: 'web_message',
  });
  const response = await fetch(`${tenant.domain}/authorize?${query}`, { redirect: 'manual' });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^text\/html/);
  assert.match(await response.text(), /"error":"login_required"/);
});
