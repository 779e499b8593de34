// The demo API's Token Vault route (GET /api/calendar) against the real local tenant: a user who
// connected the stand-in Google account gets their calendar through the API; one who did not gets
// a clear 403. The user's side is scripted the way the engine does it: login with a DPoP-bound
// token, an MRRT refresh for the My Account API, connect → consent → complete.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { calculateJwkThumbprint, decodeJwt, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { startTenant } from '../../demo/tenant/index.js';
import { startDemoApi } from '../../demo/api/index.js';
import { calendarRoute } from '../../demo/api/calendar.js';
import { APP_ORIGIN, Browser, login, pkce, tokenRequest } from '../support/tenant-flow.mjs';

let tenant;
let api;

before(async () => {
  tenant = await startTenant({ appOrigins: [APP_ORIGIN], quiet: true });
  const { clientId, clientSecret } = tenant.info.clients.confidential;
  api = await startDemoApi({
    domain: tenant.domain,
    audience: tenant.info.apis.default,
    appOrigins: [APP_ORIGIN],
    clientId,
    clientSecret,
    routes: { 'GET /api/other-calendar': calendarRoute({ connection: 'no-such-connection' }) },
  });
});
after(async () => {
  await api?.close();
  await tenant?.close();
});

/** An ES256 key and RFC 9449 §4.2 proofs signed with it. */
async function dpopKey() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  return {
    jkt: await calculateJwkThumbprint(jwk),
    proof(htm, htu, accessToken) {
      const ath = accessToken && createHash('sha256').update(accessToken).digest('base64url');
      return new SignJWT({ htm, htu, jti: randomUUID(), ...(ath && { ath }) })
        .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk }).setIssuedAt().sign(privateKey);
    },
  };
}

/** Login with DPoP, then the MRRT refresh for the My Account API (as connectAccountWithRedirect does). */
async function session(user) {
  const key = await dpopKey();
  const tokenUrl = `${tenant.issuer}oauth/token`;
  const tokens = await login(new Browser(tenant.domain), tenant, {
    user,
    params: { audience: tenant.info.apis.default, scope: 'openid profile email offline_access read:calendar' },
    tokenHeaders: { dpop: await key.proof('POST', tokenUrl) },
  });
  assert.equal(tokens.status, 200, tokens.text);
  const me = await tokenRequest(tenant, {
    grant_type: 'refresh_token', client_id: tenant.info.clients.spa.clientId, refresh_token: tokens.data.refresh_token,
    audience: tenant.info.apis.myAccount, scope: 'openid profile email offline_access create:me:connected_accounts',
  }, { headers: { dpop: await key.proof('POST', tokenUrl) } });
  assert.equal(me.status, 200, me.text);
  return { key, apiToken: tokens.data.access_token, meToken: me.data.access_token };
}

/** A My Account API call with a fresh proof. */
async function myAccount(s, method, path, body) {
  const url = `${tenant.issuer}me/v1/connected-accounts/${path}`;
  const response = await fetch(url, {
    method,
    headers: { authorization: `DPoP ${s.meToken}`, dpop: await s.key.proof(method, url, s.meToken), 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  return { status: response.status, data: await response.json() };
}

/** connect → the stand-in Google's consent (auto-approved) → complete. */
async function connectGoogle(s) {
  const { verifier, challenge } = pkce();
  const state = randomUUID();
  const redirectUri = `${APP_ORIGIN}/connected`;
  const started = await myAccount(s, 'POST', 'connect', {
    connection: 'google-oauth2', scopes: ['https://www.googleapis.com/auth/calendar.readonly'], redirect_uri: redirectUri,
    state, code_challenge: challenge, code_challenge_method: 'S256',
  });
  assert.equal(started.status, 201, JSON.stringify(started.data));
  tenant.control.autoApproveConnections(true);
  try {
    const back = await new Browser(tenant.domain).navigate(`${started.data.connect_uri}?ticket=${started.data.connect_params.ticket}`);
    assert.equal(back.url.searchParams.get('state'), state);
    const done = await myAccount(s, 'POST', 'complete', {
      auth_session: started.data.auth_session, connect_code: back.url.searchParams.get('connect_code'), redirect_uri: redirectUri, code_verifier: verifier,
    });
    assert.equal(done.status, 201, JSON.stringify(done.data));
    return done.data;
  } finally {
    tenant.control.autoApproveConnections(false);
  }
}

/** GET a demo API route with the user's DPoP-bound token and a fresh proof. */
async function getRoute(s, path) {
  const url = `${api.url}${path}`;
  const response = await fetch(url, {
    headers: { authorization: `DPoP ${s.apiToken}`, dpop: await s.key.proof('GET', url, s.apiToken), origin: APP_ORIGIN },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, data: JSON.parse(text) };
}

describe('demo API: GET /api/calendar (Token Vault)', { timeout: 30_000 }, () => {
  test('a user who connected Google gets their calendar; the upstream token never leaves the API', async () => {
    const alice = await session('alice');
    assert.equal(decodeJwt(alice.apiToken).cnf.jkt, alice.key.jkt);
    await connectGoogle(alice);
    tenant.control.resetRequests();
    const answer = await getRoute(alice, '/api/calendar');
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.equal(answer.data.user, 'auth0|alice');
    assert.equal(answer.data.connection, 'google-oauth2');
    assert.match(answer.data.calendar, /auth0\|alice's calendar/);
    assert.deepEqual(answer.data.events.map((event) => event.summary), ['Stand-up', 'Lunch with the team']);
    assert.doesNotMatch(answer.text, /ya29|stand-in-rt|eyJ/, 'no upstream or Auth0 token in the answer');
    // The exchange went to the tenant as the confidential client, with the caller's access token.
    const [exchange] = tenant.control.tokenRequests({ grantType: 'urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token' });
    assert.equal(exchange.status, 200);
    assert.equal(exchange.subjectTokenType, 'urn:ietf:params:oauth:token-type:access_token');
  });

  test('a user with no connected account gets a clear 403 connected_account_required', async () => {
    const bob = await session('bob');
    const answer = await getRoute(bob, '/api/calendar');
    assert.equal(answer.status, 403, answer.text);
    assert.equal(answer.data.error, 'connected_account_required');
    assert.equal(answer.data.connection, 'google-oauth2');
    assert.match(answer.data.error_description, /connect it first/);
    assert.equal(answer.headers.get('access-control-allow-origin'), APP_ORIGIN, 'the page can read the error');
  });

  test('once the account is disconnected, the calendar is refused again', async () => {
    const s = await session('alice');
    const account = await connectGoogle(s);
    assert.equal((await getRoute(s, '/api/calendar')).status, 200);
    // Deleting needs delete:me:connected_accounts: a token for that scope, as a settings page would get.
    const tokenUrl = `${tenant.issuer}oauth/token`;
    const login2 = await login(new Browser(tenant.domain), tenant, {
      user: 'alice',
      params: { audience: tenant.info.apis.myAccount, scope: 'openid delete:me:connected_accounts' },
      tokenHeaders: { dpop: await s.key.proof('POST', tokenUrl) },
    });
    assert.equal(login2.status, 200, login2.text);
    const url = `${tenant.issuer}me/v1/connected-accounts/accounts/${account.id}`;
    const removed = await fetch(url, {
      method: 'DELETE',
      headers: { authorization: `DPoP ${login2.data.access_token}`, dpop: await s.key.proof('DELETE', url, login2.data.access_token) },
    });
    assert.equal(removed.status, 204);
    const answer = await getRoute(s, '/api/calendar');
    assert.equal(answer.status, 403);
    assert.equal(answer.data.error, 'connected_account_required');
  });

  test('an unknown connection is the tenant\'s invalid_request, passed on as a 400', async () => {
    const s = await session('alice');
    const answer = await getRoute(s, '/api/other-calendar');
    assert.equal(answer.status, 400, answer.text);
    assert.equal(answer.data.error, 'invalid_request');
    assert.match(answer.data.error_description, /no-such-connection/);
  });

  test('without a valid DPoP proof the route answers 401 before any exchange', async () => {
    const s = await session('alice');
    tenant.control.resetRequests();
    const url = `${api.url}/api/calendar`;
    const response = await fetch(url, { headers: { authorization: `DPoP ${s.apiToken}`, dpop: await s.key.proof('GET', `${api.url}/api/messages`, s.apiToken) } });
    assert.equal(response.status, 401);
    assert.equal((await response.json()).error, 'invalid_dpop_proof');
    assert.equal(tenant.control.tokenRequests().length, 0, 'no Token Vault exchange for a refused request');
  });
});
