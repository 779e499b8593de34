// The local tenant over real HTTP: Auth0's routes, the code + PKCE flow scripted with fetch,
// tokens verified with jose against the tenant's JWKS, refresh rotation, logout, organizations.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT, createLocalJWKSet, decodeJwt, decodeProtectedHeader, generateKeyPair, jwtVerify } from 'jose';
import { startTenant } from '../../demo/tenant/index.js';
import { APP_ORIGIN, CALLBACK, Browser, authorize, formFields, login, tokenRequest } from '../support/tenant-flow.mjs';

/** @type {Awaited<ReturnType<typeof startTenant>>} */
let tenant;
let spa;
let api;

before(async () => {
  tenant = await startTenant({ appOrigins: [APP_ORIGIN], quiet: true });
  spa = tenant.info.clients.spa.clientId;
  api = tenant.info.apis.default;
});
after(() => tenant.close());

async function jwks() {
  return createLocalJWKSet(await (await fetch(`${tenant.issuer}.well-known/jwks.json`)).json());
}

async function verifyIdToken(idToken) {
  return (await jwtVerify(idToken, await jwks(), { issuer: tenant.issuer, audience: spa })).payload;
}

describe('tenant: discovery and keys', () => {
  it('answers at 127.0.0.1 with an Auth0-style issuer (trailing slash) and domain', () => {
    assert.match(tenant.issuer, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.equal(tenant.domain, tenant.issuer.slice(0, -1));
    assert.equal(tenant.issuer, `http://127.0.0.1:${tenant.port}/`);
    assert.doesNotThrow(() => JSON.stringify(tenant.info));
    assert.deepEqual(tenant.info.apis, {
      default: 'https://api.example.com',
      analytics: 'https://analytics.example.com',
      admin: 'https://admin.example.com',
      myAccount: `${tenant.issuer}me/`,
      secure: 'https://secure.example.com',
    });
    assert.match(tenant.info.organizations.acme.id, /^org_/);
    assert.ok(tenant.info.clients.confidential.clientSecret);
  });

  it('serves discovery with Auth0\'s endpoint paths', async () => {
    const response = await fetch(`${tenant.issuer}.well-known/openid-configuration`);
    assert.equal(response.status, 200);
    const meta = await response.json();
    assert.equal(meta.issuer, tenant.issuer);
    assert.equal(meta.authorization_endpoint, `${tenant.domain}/authorize`);
    assert.equal(meta.token_endpoint, `${tenant.domain}/oauth/token`);
    assert.equal(meta.userinfo_endpoint, `${tenant.domain}/userinfo`);
    assert.equal(meta.jwks_uri, `${tenant.domain}/.well-known/jwks.json`);
    assert.equal(meta.revocation_endpoint, `${tenant.domain}/oauth/revoke`);
    assert.ok(meta.response_modes_supported.includes('web_message'));
    assert.ok(meta.code_challenge_methods_supported.includes('S256'));
  });

  it('serves an RS256 JWKS with kids, open to any origin', async () => {
    const response = await fetch(`${tenant.issuer}.well-known/jwks.json`, { headers: { origin: APP_ORIGIN } });
    assert.equal(response.headers.get('access-control-allow-origin'), APP_ORIGIN);
    const { keys } = await response.json();
    assert.ok(keys.length >= 1);
    for (const key of keys) {
      assert.equal(key.kty, 'RSA');
      assert.equal(key.alg, 'RS256');
      assert.ok(key.kid);
      assert.equal(key.d, undefined, 'no private parts');
    }
  });
});

describe('tenant: authorization code + PKCE', () => {
  it('shows a login page with the fields the test harness fills, and no frame blocking', async () => {
    const browser = new Browser(tenant.domain);
    const flow = await authorize(browser, tenant, { user: null });
    assert.match(flow.url.pathname, /^\/u\/login\/[\w-]+$/);
    assert.equal(flow.response.status, 200);
    assert.equal(flow.response.headers.get('x-frame-options'), null);
    assert.doesNotMatch(flow.response.headers.get('content-security-policy') ?? '', /frame-ancestors/);
    assert.match(flow.html, /<input[^>]+name="username"/);
    assert.match(flow.html, /<input[^>]+name="password"[^>]+type="password"/);
    assert.match(flow.html, /type="submit"/);
    assert.match(flow.html, /alice-password/, 'the demo credentials are shown as a hint');
    const hinted = await authorize(new Browser(tenant.domain), tenant, { user: null, params: { login_hint: 'bob@example.com' } });
    assert.match(hinted.html, /name="username"[^>]*value=""[^>]*placeholder="bob@example.com"/, 'a hint, not a value the harness would type after');
  });

  it('shows a visible error on a wrong password and stays on the login page', async () => {
    const browser = new Browser(tenant.domain);
    const flow = await authorize(browser, tenant, { user: null });
    const retry = await browser.navigate(flow.url.pathname, { method: 'POST', form: { username: 'alice', password: 'nope' } });
    assert.equal(retry.url.pathname, flow.url.pathname);
    assert.match(retry.html, /role="alert"[^>]*>Wrong username or password/);
    const { username, password } = tenant.info.users.alice;
    const done = await browser.navigate(flow.url.pathname, { method: 'POST', form: { username, password } });
    assert.equal(done.url.origin, APP_ORIGIN);
    assert.ok(done.url.searchParams.get('code'));
  });

  it('redirects back with code and state, and exchanges the code (form body) for Auth0-shaped tokens', async () => {
    const browser = new Browser(tenant.domain);
    const flow = await authorize(browser, tenant);
    assert.equal(`${flow.url.origin}${flow.url.pathname}`, CALLBACK);
    assert.equal(flow.params.get('state'), flow.tx.state);
    const tokens = await tokenRequest(tenant, {
      grant_type: 'authorization_code', client_id: spa, code: flow.params.get('code'),
      code_verifier: flow.tx.verifier, redirect_uri: CALLBACK,
    });
    assert.equal(tokens.status, 200, tokens.text);
    assert.equal(tokens.data.token_type, 'Bearer');
    assert.equal(typeof tokens.data.expires_in, 'number');
    assert.equal(tokens.data.scope, 'openid profile email');
    assert.equal(tokens.data.refresh_token, undefined, 'no refresh token without offline_access');

    const claims = await verifyIdToken(tokens.data.id_token);
    assert.equal(claims.sub, 'auth0|alice');
    assert.equal(claims.name, 'Alice Example');
    assert.equal(claims.nickname, 'alice');
    assert.equal(claims.email, 'alice@example.com');
    assert.equal(claims.email_verified, true);
    assert.match(claims.picture, /^data:image\/svg\+xml,/);
    assert.ok(claims.updated_at);
    assert.equal(claims.nonce, flow.tx.nonce);
    assert.equal(typeof claims.auth_time, 'number');
    assert.equal(typeof claims.sid, 'string');
    assert.equal(claims.org_id, undefined);
  });

  it('exchanges the code with a JSON body too', async () => {
    const tokens = await login(new Browser(tenant.domain), tenant, { json: true });
    assert.equal(tokens.status, 200, tokens.text);
    await verifyIdToken(tokens.data.id_token);
  });

  it('refuses a wrong code_verifier and a replayed code', async () => {
    const browser = new Browser(tenant.domain);
    const flow = await authorize(browser, tenant);
    const body = { grant_type: 'authorization_code', client_id: spa, code: flow.params.get('code'), redirect_uri: CALLBACK };
    const wrong = await tokenRequest(tenant, { ...body, code_verifier: 'x'.repeat(43) });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.data.error, 'invalid_grant');
    const flow2 = await authorize(browser, tenant);
    const ok = { ...body, code: flow2.params.get('code'), code_verifier: flow2.tx.verifier };
    assert.equal((await tokenRequest(tenant, ok)).status, 200);
    const replay = await tokenRequest(tenant, ok);
    assert.equal(replay.data.error, 'invalid_grant');
  });

  it('gives an opaque access token without audience, usable at /userinfo', async () => {
    const tokens = await login(new Browser(tenant.domain), tenant);
    assert.throws(() => decodeJwt(tokens.data.access_token));
    const response = await fetch(`${tenant.issuer}userinfo`, {
      headers: { authorization: `Bearer ${tokens.data.access_token}`, origin: APP_ORIGIN },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), APP_ORIGIN);
    const user = await response.json();
    assert.equal(user.sub, 'auth0|alice');
    assert.equal(user.email, 'alice@example.com');
  });

  it('gives a JWT access token for an audience (RS256, iss, aud, sub, scope, azp, exp)', async () => {
    const tokens = await login(new Browser(tenant.domain), tenant, {
      params: { audience: api, scope: 'openid profile email read:messages' },
    });
    assert.equal(tokens.status, 200, tokens.text);
    assert.equal(tokens.data.scope, 'openid profile email read:messages');
    const { payload, protectedHeader } = await jwtVerify(tokens.data.access_token, await jwks(), { issuer: tenant.issuer, audience: api });
    assert.equal(protectedHeader.alg, 'RS256');
    assert.equal(payload.sub, 'auth0|alice');
    assert.equal(payload.scope, 'read:messages');
    assert.equal(payload.azp, spa);
    assert.equal(typeof payload.exp, 'number');
    await verifyIdToken(tokens.data.id_token);
  });

  it('refuses an unknown audience', async () => {
    const flow = await authorize(new Browser(tenant.domain), tenant, { params: { audience: 'https://unknown.example.com' } });
    assert.equal(flow.url.origin, APP_ORIGIN);
    assert.equal(flow.params.get('error'), 'invalid_target');
  });

  it('refuses a redirect_uri outside the app origins without redirecting to it', async () => {
    const flow = await authorize(new Browser(tenant.domain), tenant, { params: { redirect_uri: 'https://evil.example.com/callback' } });
    assert.equal(flow.url.origin, tenant.domain);
    assert.equal(flow.response.status, 400);
    assert.match(flow.html, /redirect_uri/);
  });

  it('accepts any path on an app origin, and the bare origin', async () => {
    for (const redirectUri of [`${APP_ORIGIN}/some/deep/path?x=1`, APP_ORIGIN]) {
      const tokens = await login(new Browser(tenant.domain), tenant, { params: { redirect_uri: redirectUri } });
      assert.equal(tokens.status, 200, tokens.text);
    }
  });
});

describe('tenant: silent authentication', () => {
  it('answers prompt=none without a session with login_required at the redirect_uri', async () => {
    const flow = await authorize(new Browser(tenant.domain), tenant, { user: null, params: { prompt: 'none' } });
    assert.equal(flow.url.origin, APP_ORIGIN);
    assert.equal(flow.params.get('error'), 'login_required');
    assert.equal(flow.params.get('state'), flow.tx.state);
  });

  it('answers prompt=none in web_message mode with a page that posts to the app origin', async () => {
    const flow = await authorize(new Browser(tenant.domain), tenant, {
      user: null, params: { prompt: 'none', response_mode: 'web_message', redirect_uri: APP_ORIGIN },
    });
    assert.equal(flow.response.status, 200); // as Auth0 answers: the page carries the error
    assert.equal(flow.response.headers.get('x-frame-options'), null);
    assert.match(flow.html, /"error":"login_required"/);
    assert.match(flow.html, /authorization_response/);
    assert.ok(flow.html.includes(`"redirect_uri":"${APP_ORIGIN}"`));
  });

  it('answers prompt=none with a session in web_message mode with a code', async () => {
    const browser = new Browser(tenant.domain);
    await login(browser, tenant);
    const flow = await authorize(browser, tenant, {
      user: null, params: { prompt: 'none', response_mode: 'web_message', redirect_uri: APP_ORIGIN, audience: api },
    });
    assert.equal(flow.response.status, 200);
    assert.match(flow.html, /"code":"[\w-]+"/);
    assert.ok(flow.html.includes(`"state":"${flow.tx.state}"`));
  });

  it('forgets every session on endAllSessions()', async () => {
    const browser = new Browser(tenant.domain);
    await login(browser, tenant);
    tenant.control.endAllSessions();
    const flow = await authorize(browser, tenant, { user: null, params: { prompt: 'none' } });
    assert.equal(flow.params.get('error'), 'login_required');
  });
});

describe('tenant: refresh tokens', () => {
  const offline = { scope: 'openid profile email offline_access read:messages', audience: 'https://api.example.com' };

  it('issues a refresh token for offline_access and rotates it on every use', async () => {
    const tokens = await login(new Browser(tenant.domain), tenant, { params: offline });
    assert.equal(tokens.data.scope, 'openid profile email offline_access read:messages');
    const first = tokens.data.refresh_token;
    assert.ok(first);
    const refreshed = await tokenRequest(tenant, { grant_type: 'refresh_token', client_id: spa, refresh_token: first }, { json: true });
    assert.equal(refreshed.status, 200, refreshed.text);
    assert.ok(refreshed.data.refresh_token);
    assert.notEqual(refreshed.data.refresh_token, first);
    assert.equal(refreshed.data.scope, 'openid profile email offline_access read:messages');
    assert.deepEqual(decodeJwt(refreshed.data.access_token).aud, [api, `${tenant.issuer}userinfo`]);
    const claims = await verifyIdToken(refreshed.data.id_token);
    assert.equal(claims.sub, 'auth0|alice');
  });

  it('revokes the whole family when a rotated refresh token is presented again', async () => {
    const tokens = await login(new Browser(tenant.domain), tenant, { params: offline });
    const refresh = (token) => tokenRequest(tenant, { grant_type: 'refresh_token', client_id: spa, refresh_token: token });
    const second = (await refresh(tokens.data.refresh_token)).data.refresh_token;
    const reuse = await refresh(tokens.data.refresh_token);
    assert.equal(reuse.status, 400);
    assert.equal(reuse.data.error, 'invalid_grant');
    const afterReuse = await refresh(second);
    assert.equal(afterReuse.data.error, 'invalid_grant', 'the newest token of the family is dead too');
  });

  it('revokes a refresh token at /oauth/revoke (JSON body, as the SPA SDK sends)', async () => {
    const tokens = await login(new Browser(tenant.domain), tenant, { params: offline });
    const response = await fetch(`${tenant.issuer}oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: APP_ORIGIN },
      body: JSON.stringify({ client_id: spa, token: tokens.data.refresh_token }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), APP_ORIGIN);
    const refreshed = await tokenRequest(tenant, { grant_type: 'refresh_token', client_id: spa, refresh_token: tokens.data.refresh_token });
    assert.equal(refreshed.data.error, 'invalid_grant');
  });

  it('MRRT: refreshes for another API of the client\'s policy, with that API\'s scopes', async () => {
    const analytics = tenant.info.apis.analytics;
    assert.ok(tenant.info.clients.spa.mrrt.includes(analytics));
    const tokens = await login(new Browser(tenant.domain), tenant, { params: offline });
    const other = await tokenRequest(tenant, {
      grant_type: 'refresh_token', client_id: spa, refresh_token: tokens.data.refresh_token,
      audience: analytics, scope: 'openid profile email offline_access read:analytics',
    });
    assert.equal(other.status, 200, other.text);
    assert.equal(other.data.scope, 'openid profile email offline_access read:analytics');
    const at = (await jwtVerify(other.data.access_token, await jwks(), { issuer: tenant.issuer, audience: analytics })).payload;
    assert.equal(at.scope, 'read:analytics');
    assert.equal(at.sub, 'auth0|alice');

    // The rotated token still serves the first API, by default and by name.
    const back = await tokenRequest(tenant, { grant_type: 'refresh_token', client_id: spa, refresh_token: other.data.refresh_token });
    assert.equal(back.status, 200, back.text);
    assert.deepEqual(decodeJwt(back.data.access_token).aud, [api, `${tenant.issuer}userinfo`]);
    assert.equal(decodeJwt(back.data.access_token).scope, 'read:messages');
    const again = await tokenRequest(tenant, {
      grant_type: 'refresh_token', client_id: spa, refresh_token: back.data.refresh_token, audience: analytics,
    });
    assert.deepEqual(decodeJwt(again.data.access_token).aud, [analytics, `${tenant.issuer}userinfo`]);
  });

  it('MRRT: refuses an API outside the client\'s policy', async () => {
    const admin = tenant.info.apis.admin;
    assert.ok(!tenant.info.clients.spa.mrrt.includes(admin));
    const tokens = await login(new Browser(tenant.domain), tenant, { params: offline });
    const refresh = (extra) => tokenRequest(tenant, { grant_type: 'refresh_token', client_id: spa, refresh_token: tokens.data.refresh_token, ...extra });
    const refused = await refresh({ audience: admin });
    assert.equal(refused.status, 400);
    assert.equal(refused.data.error, 'invalid_target');
    assert.equal((await refresh({ audience: admin, scope: 'openid read:admin' })).data.error, 'invalid_target');
    const still = await tokenRequest(tenant, { grant_type: 'refresh_token', client_id: spa, refresh_token: tokens.data.refresh_token });
    assert.equal(still.status, 200, 'a refused audience does not use up the refresh token');
  });

  it('counts token requests with tokenRequests()', async () => {
    tenant.control.resetRequests();
    const tokens = await login(new Browser(tenant.domain), tenant, { params: offline });
    await tokenRequest(tenant, { grant_type: 'refresh_token', client_id: spa, refresh_token: tokens.data.refresh_token });
    assert.equal(tenant.control.tokenRequests().length, 2);
    assert.equal(tenant.control.tokenRequests({ grantType: 'refresh_token' }).length, 1);
  });

  it('logs every token request with its grant type and audience', async () => {
    tenant.control.resetRequests();
    const tokens = await login(new Browser(tenant.domain), tenant, { params: offline });
    await tokenRequest(tenant, { grant_type: 'refresh_token', client_id: spa, refresh_token: tokens.data.refresh_token, audience: api });
    const log = tenant.control.requests({ path: '/oauth/token' });
    assert.deepEqual(log.map((r) => [r.method, r.grantType, r.status]), [
      ['POST', 'authorization_code', 200], ['POST', 'refresh_token', 200],
    ]);
    assert.equal(log[1].audience, api);
    assert.equal(log[0].scope, undefined);
    assert.equal(tenant.control.requests({ path: '/authorize' })[0].scope, offline.scope, 'scopes as the client sent them');
    assert.equal(tenant.control.requests((r) => r.path === '/authorize')[0].audience, api);
    assert.equal(typeof log[0].at, 'number');
  });
});

describe('tenant: CORS', () => {
  it('lets app origins call the token endpoint (preflight and request), and no one else', async () => {
    const preflight = await fetch(`${tenant.issuer}oauth/token`, {
      method: 'OPTIONS',
      headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,dpop' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), APP_ORIGIN);

    const browser = new Browser(tenant.domain);
    const flow = await authorize(browser, tenant);
    const body = {
      grant_type: 'authorization_code', client_id: spa, code: flow.params.get('code'), code_verifier: flow.tx.verifier, redirect_uri: CALLBACK,
    };
    const evil = await tokenRequest(tenant, body, { headers: { origin: 'https://evil.example.com' } });
    assert.equal(evil.status, 400);
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
    const ok = await tokenRequest(tenant, body, { headers: { origin: APP_ORIGIN } });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.match(ok.headers.get('access-control-expose-headers') ?? '', /WWW-Authenticate/i);
  });
});

describe('tenant: logout', () => {
  async function logout(browser, query) {
    const page = await browser.navigate(`/v2/logout?${new URLSearchParams(query)}`);
    if (page.url.origin !== tenant.domain) return page;
    // The confirmation form submits itself on load; a browser would post it at once.
    const action = /<form[^>]+action="([^"]+)"/.exec(page.html)?.[1];
    assert.ok(action, page.html);
    assert.equal(formFields(page.html).logout, 'yes');
    return browser.navigate(action, { method: 'POST', form: formFields(page.html) });
  }

  it('/v2/logout clears the session and redirects to returnTo', async () => {
    const browser = new Browser(tenant.domain);
    await login(browser, tenant);
    const done = await logout(browser, { client_id: spa, returnTo: `${APP_ORIGIN}/bye` });
    assert.equal(done.url.href, `${APP_ORIGIN}/bye`);
    const flow = await authorize(browser, tenant, { user: null, params: { prompt: 'none' } });
    assert.equal(flow.params.get('error'), 'login_required');
  });

  it('/v2/logout with returnTo alone (no client_id) works for an app origin', async () => {
    const browser = new Browser(tenant.domain);
    await login(browser, tenant);
    const done = await logout(browser, { returnTo: APP_ORIGIN });
    assert.equal(done.url.origin, APP_ORIGIN);
  });

  it('/v2/logout refuses a returnTo outside the app origins', async () => {
    const browser = new Browser(tenant.domain);
    await login(browser, tenant);
    const page = await browser.navigate(`/v2/logout?${new URLSearchParams({ client_id: spa, returnTo: 'https://evil.example.com/' })}`);
    assert.equal(page.url.origin, tenant.domain);
    assert.equal(page.response.status, 400);
  });
});

describe('tenant: organizations', () => {
  const { acme, globex } = { acme: 'org_acme0000000001', globex: 'org_globex00000001' };

  it('puts org_id and org_name in the ID token and org_id in the access token (org given by id)', async () => {
    const tokens = await login(new Browser(tenant.domain), tenant, { params: { organization: acme, audience: api } });
    assert.equal(tokens.status, 200, tokens.text);
    const claims = await verifyIdToken(tokens.data.id_token);
    assert.equal(claims.org_id, acme);
    assert.equal(claims.org_name, 'acme');
    assert.equal(decodeJwt(tokens.data.access_token).org_id, acme);
  });

  it('accepts the organization by name and keeps it through refresh', async () => {
    const tokens = await login(new Browser(tenant.domain), tenant, {
      params: { organization: 'Globex', scope: 'openid offline_access' },
    });
    assert.equal((await verifyIdToken(tokens.data.id_token)).org_id, globex);
    const refreshed = await tokenRequest(tenant, { grant_type: 'refresh_token', client_id: spa, refresh_token: tokens.data.refresh_token });
    assert.equal((await verifyIdToken(refreshed.data.id_token)).org_id, globex);
  });

  it('returns access_denied to the app when the user is not a member', async () => {
    const flow = await authorize(new Browser(tenant.domain), tenant, { user: 'bob', params: { organization: globex } });
    assert.equal(flow.url.origin, APP_ORIGIN);
    assert.equal(flow.params.get('error'), 'access_denied');
    assert.match(flow.params.get('error_description'), /not part of/);
    assert.equal(flow.params.get('state'), flow.tx.state);
  });

  it('refuses an unknown organization', async () => {
    const flow = await authorize(new Browser(tenant.domain), tenant, { params: { organization: 'org_nope' } });
    assert.equal(flow.params.get('error'), 'invalid_request');
  });

  it('lets an invitation make the invited user a member, once', async () => {
    const ticket = tenant.control.createInvitation('globex', 'bob@example.com');
    const invited = await login(new Browser(tenant.domain), tenant, {
      user: 'bob', params: { organization: globex, invitation: ticket },
    });
    assert.equal(invited.status, 200, invited.text);
    assert.equal((await verifyIdToken(invited.data.id_token)).org_id, globex);

    const reused = await authorize(new Browser(tenant.domain), tenant, { user: 'bob', params: { organization: globex, invitation: ticket } });
    assert.equal(reused.params.get('error'), 'access_denied');
    assert.match(reused.params.get('error_description'), /already been used/);
  });

  it('refuses an invitation for someone else\'s email', async () => {
    const ticket = tenant.control.createInvitation('globex', 'carol@example.com');
    const flow = await authorize(new Browser(tenant.domain), tenant, { user: 'mallory', params: { organization: globex, invitation: ticket } });
    assert.equal(flow.params.get('error'), 'access_denied');
  });
});

describe('tenant: users for XSS tests', () => {
  it('mallory\'s name and picture are hostile strings, delivered as data', async () => {
    const tokens = await login(new Browser(tenant.domain), tenant, { user: 'mallory' });
    const claims = await verifyIdToken(tokens.data.id_token);
    assert.equal(claims.name, '<img src=x onerror=alert(1)>');
    assert.equal(claims.picture, 'javascript:alert(1)');
    assert.equal(tenant.info.users.mallory.name, '<img src=x onerror=alert(1)>');
  });
});

describe('tenant: signing key rotation', () => {
  it('signs with a new kid after rotateSigningKey() while the JWKS keeps the old key', async () => {
    const before = await login(new Browser(tenant.domain), tenant);
    const oldKid = decodeProtectedHeader(before.data.id_token).kid;
    const newKid = tenant.control.rotateSigningKey();
    assert.notEqual(newKid, oldKid);
    const afterRotation = await login(new Browser(tenant.domain), tenant);
    assert.equal(decodeProtectedHeader(afterRotation.data.id_token).kid, newKid);
    const { keys } = await (await fetch(`${tenant.issuer}.well-known/jwks.json`)).json();
    assert.deepEqual(keys.map((k) => k.kid).sort(), [oldKid, newKid].sort());
    await verifyIdToken(before.data.id_token);
    await verifyIdToken(afterRotation.data.id_token);
  });
});

describe('tenant: an API access token at /userinfo (Auth0 adds <issuer>userinfo to its aud)', () => {
  const userinfo = (token, headers = {}) => fetch(`${tenant.issuer}userinfo`, { headers: { authorization: `Bearer ${token}`, ...headers } });

  it('lists the API and <issuer>userinfo in aud when openid is asked for; /userinfo answers the user\'s claims', async () => {
    const tokens = await login(new Browser(tenant.domain), tenant, {
      params: { audience: api, scope: 'openid profile email read:messages offline_access' },
    });
    assert.equal(tokens.status, 200, tokens.text);
    const { payload } = await jwtVerify(tokens.data.access_token, await jwks(), { issuer: tenant.issuer, audience: api });
    assert.deepEqual(payload.aud, [api, `${tenant.issuer}userinfo`]);
    assert.equal(payload.scope, 'read:messages');
    const response = await userinfo(tokens.data.access_token, { origin: APP_ORIGIN });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const user = await response.json();
    assert.equal(user.sub, 'auth0|alice');
    assert.equal(user.email, 'alice@example.com');
    assert.equal(user.name, tenant.info.users.alice.name);

    // The refreshed token is for both audiences too.
    const renewed = await tokenRequest(tenant, { grant_type: 'refresh_token', client_id: spa, refresh_token: tokens.data.refresh_token });
    assert.equal(renewed.status, 200, renewed.text);
    assert.deepEqual(decodeJwt(renewed.data.access_token).aud, [api, `${tenant.issuer}userinfo`]);
    assert.equal((await (await userinfo(renewed.data.access_token)).json()).sub, 'auth0|alice');
  });

  it('releases only the claims of the OpenID scopes granted with the token', async () => {
    const tokens = await login(new Browser(tenant.domain), tenant, { params: { audience: api, scope: 'openid read:messages' } });
    const response = await userinfo(tokens.data.access_token);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { sub: 'auth0|alice' });
  });

  it('refuses a token for an API without the userinfo audience (client credentials), a forged one and a tampered one', async () => {
    const { clientId, clientSecret } = tenant.info.clients.confidential;
    const m2m = await tokenRequest(tenant, { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, audience: api });
    assert.equal(m2m.status, 200, m2m.text);
    assert.equal(decodeJwt(m2m.data.access_token).aud, api);
    const refused = await userinfo(m2m.data.access_token);
    assert.equal(refused.status, 401);
    assert.match(refused.headers.get('www-authenticate'), /^Bearer error="invalid_token"/);
    assert.equal((await refused.json()).error, 'invalid_token');

    const tokens = await login(new Browser(tenant.domain), tenant, { params: { audience: api, scope: 'openid email read:messages' } });
    const [header, body, signature] = tokens.data.access_token.split('.');
    const claims = decodeJwt(tokens.data.access_token);
    const forgedBody = Buffer.from(JSON.stringify({ ...claims, sub: 'auth0|bob' })).toString('base64url');
    assert.equal((await userinfo(`${header}.${forgedBody}.${signature}`)).status, 401, 'payload changed, signature kept');
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(claims).setProtectedHeader(decodeProtectedHeader(tokens.data.access_token)).sign(privateKey);
    assert.equal((await userinfo(forged)).status, 401, 'signed by a key outside the JWKS');
    assert.equal((await userinfo(`${header}.${body}.${signature}`)).status, 200, 'the genuine token still works');
  });
});
