// Connected accounts and Token Vault at the local tenant: the My Account API (DPoP-bound tokens
// for `<issuer>me/` only), the stand-in upstream provider's consent step, the federated-connection
// grant for confidential clients, and the stand-in upstream API the vault's tokens open.
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { calculateJwkThumbprint, decodeJwt, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { startTenant } from '../../demo/tenant/index.js';
import { APP_ORIGIN, Browser, formFields, login, tokenRequest } from '../support/tenant-flow.mjs';

const FEDERATED = 'urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token';
const CONNECT_SCOPES = 'create:me:connected_accounts read:me:connected_accounts delete:me:connected_accounts';

/** @type {Awaited<ReturnType<typeof startTenant>>} */
let tenant;
let spa;
let myAccount;

before(async () => {
  tenant = await startTenant({ appOrigins: [APP_ORIGIN], quiet: true });
  spa = tenant.info.clients.spa.clientId;
  myAccount = tenant.info.apis.myAccount;
});
after(() => tenant.close());

async function dpopKey() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  return {
    jkt: await calculateJwkThumbprint(jwk),
    /** @see RFC 9449 §4.2 */
    proof(htm, htu, accessToken) {
      const ath = accessToken && createHash('sha256').update(accessToken).digest('base64url');
      return new SignJWT({ htm, htu, jti: randomUUID(), ...(ath && { ath }) })
        .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk }).setIssuedAt().sign(privateKey);
    },
  };
}

/**
 * A user's session as the engine would hold it: login with offline_access and DPoP, then an MRRT
 * refresh for the My Account API (issue 7).
 */
async function loginWithDpop(user = 'alice') {
  const key = await dpopKey();
  const tokenUrl = `${tenant.issuer}oauth/token`;
  const dpop = await key.proof('POST', tokenUrl);
  const tokens = await login(new Browser(tenant.domain), tenant, {
    user,
    params: { audience: tenant.info.apis.default, scope: 'openid profile email offline_access read:calendar' },
    tokenHeaders: { dpop },
  });
  assert.equal(tokens.status, 200, tokens.text);
  const mine = await tokenRequest(tenant, {
    grant_type: 'refresh_token', client_id: spa, refresh_token: tokens.data.refresh_token,
    audience: myAccount, scope: `openid profile email offline_access ${CONNECT_SCOPES}`,
  }, { json: true, headers: { dpop: await key.proof('POST', tokenUrl) } });
  assert.equal(mine.status, 200, mine.text);
  assert.equal(mine.data.token_type, 'DPoP');
  return { key, apiToken: tokens.data.access_token, refreshToken: mine.data.refresh_token, meToken: mine.data.access_token };
}

/** A call to the My Account API with a fresh proof. */
async function me(s, method, path, body, { token = s.meToken, scheme = 'DPoP', proof = true, origin } = {}) {
  const url = `${tenant.issuer}me/v1/connected-accounts/${path}`;
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `${scheme} ${token}`,
      ...(proof && { dpop: await s.key.proof(method, url, token) }),
      ...(body && { 'content-type': 'application/json' }),
      ...(origin && { origin }),
    },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, data: text ? JSON.parse(text) : undefined };
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Runs connect → consent (allow or deny) → back at the app; returns what the app receives. */
async function connectAccount(s, { decision = 'allow', connection = 'google-oauth2' } = {}) {
  const { verifier, challenge } = pkce();
  const state = randomUUID();
  const redirectUri = `${APP_ORIGIN}/connected`;
  const started = await me(s, 'POST', 'connect', {
    connection, scopes: ['https://www.googleapis.com/auth/calendar.readonly'], redirect_uri: redirectUri,
    state, code_challenge: challenge, code_challenge_method: 'S256',
  }, { origin: APP_ORIGIN });
  assert.equal(started.status, 201, JSON.stringify(started.data));
  const browser = new Browser(tenant.domain);
  const consentUrl = new URL(started.data.connect_uri);
  consentUrl.searchParams.set('ticket', started.data.connect_params.ticket);
  const page = await browser.navigate(consentUrl.href);
  assert.match(page.html, /name="decision" value="allow"/);
  const back = await browser.navigate('/connect', { method: 'POST', form: { ...formFields(page.html), decision } });
  return { started, back: back.url, verifier, state, redirectUri };
}

describe('tenant: connected accounts (My Account API) and Token Vault', () => {
  it('connects a Google account end to end, then lists and deletes it', async () => {
    const s = await loginWithDpop();
    const { started, back, verifier, state, redirectUri } = await connectAccount(s);
    assert.equal(started.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.equal(typeof started.data.auth_session, 'string');
    assert.equal(typeof started.data.expires_in, 'number');
    assert.equal(`${back.origin}${back.pathname}`, redirectUri);
    assert.equal(back.searchParams.get('state'), state);
    const connectCode = back.searchParams.get('connect_code');
    assert.ok(connectCode);

    const body = { auth_session: started.data.auth_session, connect_code: connectCode, redirect_uri: redirectUri };
    const wrong = await me(s, 'POST', 'complete', { ...body, code_verifier: pkce().verifier });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.data.type, 'invalid_code_verifier');
    assert.equal(wrong.headers.get('content-type'), 'application/problem+json');
    const done = await me(s, 'POST', 'complete', { ...body, code_verifier: verifier });
    assert.equal(done.status, 201, JSON.stringify(done.data));
    assert.equal(done.data.connection, 'google-oauth2');
    assert.equal(done.data.access_type, 'offline');
    assert.ok(done.data.scopes.includes('https://www.googleapis.com/auth/calendar.readonly'));
    assert.ok(done.data.id && done.data.created_at);
    assert.equal((await me(s, 'POST', 'complete', { ...body, code_verifier: verifier })).status, 400, 'completes once');

    const list = await me(s, 'GET', 'accounts');
    assert.deepEqual(list.data.accounts.map((a) => a.id), [done.data.id]);
    assert.equal((await me(s, 'DELETE', `accounts/${done.data.id}`)).status, 204);
    assert.deepEqual((await me(s, 'GET', 'accounts')).data.accounts, []);
  });

  it('Token Vault gives the confidential client the upstream token, which opens the upstream API', async () => {
    const s = await loginWithDpop();
    const { started, back, verifier, redirectUri } = await connectAccount(s);
    await me(s, 'POST', 'complete', {
      auth_session: started.data.auth_session, connect_code: back.searchParams.get('connect_code'), redirect_uri: redirectUri, code_verifier: verifier,
    });
    const { clientId, clientSecret } = tenant.info.clients.confidential;
    const exchange = (subject, type) => tokenRequest(tenant, {
      grant_type: FEDERATED, client_id: clientId, client_secret: clientSecret, subject_token: subject,
      subject_token_type: `urn:ietf:params:oauth:token-type:${type}`,
      requested_token_type: 'http://auth0.com/oauth/token-type/federated-connection-access-token', connection: 'google-oauth2',
    });
    const viaAccessToken = await exchange(s.apiToken, 'access_token');
    assert.equal(viaAccessToken.status, 200, viaAccessToken.text);
    assert.equal(viaAccessToken.data.issued_token_type, 'http://auth0.com/oauth/token-type/federated-connection-access-token');
    assert.equal(typeof viaAccessToken.data.expires_in, 'number');
    assert.match(viaAccessToken.data.scope, /calendar\.readonly/);
    const viaRefreshToken = await exchange(s.refreshToken, 'refresh_token');
    assert.equal(viaRefreshToken.status, 200, viaRefreshToken.text);

    const calendar = await fetch(tenant.info.connections['google-oauth2'].calendarApi, {
      headers: { authorization: `Bearer ${viaAccessToken.data.access_token}` },
    });
    assert.equal(calendar.status, 200);
    assert.ok((await calendar.json()).items.length > 0);
    const stranger = await fetch(tenant.info.connections['google-oauth2'].calendarApi, { headers: { authorization: 'Bearer nope' } });
    assert.equal(stranger.status, 401);
  });

  it('Token Vault: a user without a connected account, an unknown connection, the public SPA client are refused', async () => {
    const bob = await loginWithDpop('bob');
    const { clientId, clientSecret } = tenant.info.clients.confidential;
    const base = {
      grant_type: FEDERATED, subject_token: bob.apiToken, subject_token_type: 'urn:ietf:params:oauth:token-type:access_token', connection: 'google-oauth2',
    };
    const none = await tokenRequest(tenant, { ...base, client_id: clientId, client_secret: clientSecret });
    assert.equal(none.status, 400);
    assert.equal(none.data.error, 'federated_connection_refresh_token_not_found');
    assert.match(none.data.error_description, /connect/);
    const unknown = await tokenRequest(tenant, { ...base, client_id: clientId, client_secret: clientSecret, connection: 'no-such-connection' });
    assert.equal(unknown.data.error, 'invalid_request');
    const publicClient = await tokenRequest(tenant, { ...base, client_id: spa });
    assert.equal(publicClient.status, 400);
    assert.ok(['unauthorized_client', 'invalid_request'].includes(publicClient.data.error), publicClient.text);
    const badSecret = await tokenRequest(tenant, { ...base, client_id: clientId, client_secret: 'wrong' });
    assert.equal(badSecret.data.error, 'invalid_client');
    const garbage = await tokenRequest(tenant, { ...base, client_id: clientId, client_secret: clientSecret, subject_token: 'garbage' });
    assert.equal(garbage.data.error, 'invalid_grant');
  });

  it('the consent page can be denied: the app gets access_denied with its state', async () => {
    const s = await loginWithDpop();
    const { back, state } = await connectAccount(s, { decision: 'deny' });
    assert.equal(back.searchParams.get('error'), 'access_denied');
    assert.equal(back.searchParams.get('state'), state);
    assert.equal(back.searchParams.get('connect_code'), null);
  });

  it('autoApproveConnections() skips the consent page', async () => {
    const s = await loginWithDpop();
    tenant.control.autoApproveConnections(true);
    try {
      const started = await me(s, 'POST', 'connect', { connection: 'google-oauth2', redirect_uri: APP_ORIGIN, state: 'st' });
      const page = await new Browser(tenant.domain).navigate(`${started.data.connect_uri}?ticket=${started.data.connect_params.ticket}`);
      assert.equal(page.url.origin, APP_ORIGIN);
      assert.ok(page.url.searchParams.get('connect_code'));
    } finally {
      tenant.control.autoApproveConnections(false);
    }
  });

  it('refuses an unknown connection and a redirect_uri off the app origins (problem+json)', async () => {
    const s = await loginWithDpop();
    const unknown = await me(s, 'POST', 'connect', { connection: 'myspace', redirect_uri: APP_ORIGIN });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.data.type, 'connection_not_found');
    assert.equal(unknown.data.status, 400);
    assert.ok(unknown.data.title && unknown.data.detail);
    const evil = await me(s, 'POST', 'connect', { connection: 'google-oauth2', redirect_uri: 'https://evil.example.com/' });
    assert.equal(evil.data.type, 'invalid_redirect_uri');
  });

  it('accepts only DPoP-bound tokens for the My Account API, with a proof, and the right scope', async () => {
    const s = await loginWithDpop();
    const bearer = await me(s, 'GET', 'accounts', undefined, { scheme: 'Bearer', proof: false });
    assert.equal(bearer.status, 401);
    assert.match(bearer.headers.get('www-authenticate'), /^DPoP .*error="invalid_token"/);
    assert.equal((await me(s, 'GET', 'accounts', undefined, { proof: false })).status, 401);
    const otherAudience = await me(s, 'GET', 'accounts', undefined, { token: s.apiToken });
    assert.equal(otherAudience.status, 401);
    assert.match(otherAudience.data.detail, /aud/);

    const tokenUrl = `${tenant.issuer}oauth/token`;
    const narrow = await tokenRequest(tenant, {
      grant_type: 'refresh_token', client_id: spa, refresh_token: s.refreshToken, audience: myAccount, scope: 'openid read:me:connected_accounts',
    }, { headers: { dpop: await s.key.proof('POST', tokenUrl) } });
    assert.equal(narrow.status, 200, narrow.text);
    assert.equal(decodeJwt(narrow.data.access_token).scope, 'read:me:connected_accounts');
    const forbidden = await me(s, 'POST', 'connect', { connection: 'google-oauth2', redirect_uri: APP_ORIGIN }, { token: narrow.data.access_token });
    assert.equal(forbidden.status, 403);
    assert.match(forbidden.headers.get('www-authenticate'), /insufficient_scope/);
  });

  it('answers CORS preflights for the app origins', async () => {
    const response = await fetch(`${tenant.issuer}me/v1/connected-accounts/connect`, {
      method: 'OPTIONS',
      headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,dpop,content-type' },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.match(response.headers.get('access-control-allow-headers'), /dpop/);
  });
});
