// The tenant's anonymous sessions: create, re-mint, transfer ticket, logout, and their errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { startTenant } from '../../demo/tenant/index.js';
import { APP_ORIGIN, Browser, authorize, login, tokenRequest } from '../support/tenant-flow.mjs';

/** @type {Awaited<ReturnType<typeof startTenant>>} */
let tenant;
before(async () => {
  tenant = await startTenant({ appOrigins: [APP_ORIGIN], quiet: true });
});
after(() => tenant.close());

async function anon(path, body, headers = {}) {
  const response = await fetch(`${tenant.issuer}anonymous/${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: APP_ORIGIN, ...headers }, body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, data: await response.json() };
}

describe('tenant: anonymous sessions', { timeout: 30_000 }, () => {
  const clientId = () => tenant.info.clients.spa.clientId;

  it('creates a session: an opaque session token, its cookie, and a verifiable access token for anon@…', async () => {
    const created = await anon('token', { client_id: clientId(), metadata: { cart: '3 apples' } });
    assert.equal(created.status, 200);
    assert.equal(created.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.equal(created.headers.get('access-control-allow-credentials'), 'true');
    assert.match(created.headers.get('set-cookie'), /^auth0_anon=[\w-]+; path=\/anonymous; samesite=lax; httponly/);
    const { access_token: at, session_token: st, expires_in: expiresIn, scope, session_expires_in: sessionExpiresIn } = created.data;
    assert.match(st, /^[\w-]{43}$/);
    assert.equal(scope, 'read:products');
    assert.ok(expiresIn > 0 && sessionExpiresIn > 0);
    const jwks = createLocalJWKSet(await (await fetch(`${tenant.issuer}.well-known/jwks.json`)).json());
    const { payload } = await jwtVerify(at, jwks, { issuer: tenant.issuer, audience: 'https://api.example.com' });
    assert.match(String(payload.sub), /^anon@[\da-f-]{36}$/);

    const again = await anon('token', { client_id: clientId(), session_token: st });
    assert.equal(again.status, 200);
    assert.equal(again.data.session_token, undefined, 'a re-mint hands out no new session token');
    const { payload: second } = await jwtVerify(again.data.access_token, jwks, { issuer: tenant.issuer });
    assert.equal(second.sub, payload.sub);
  });

  it('refuses: another client, an API without anonymous access, a scope, metadata on an existing session, an unknown token', async () => {
    assert.equal((await anon('token', { client_id: 'nope' })).data.error, 'unauthorized_client');
    assert.equal((await anon('token', { client_id: clientId(), audience: 'https://admin.example.com' })).data.error, 'invalid_target');
    assert.equal((await anon('token', { client_id: clientId(), scope: 'write:messages' })).data.error, 'invalid_scope');
    const { data } = await anon('token', { client_id: clientId() });
    assert.equal((await anon('token', { client_id: clientId(), session_token: data.session_token, metadata: { a: 'b' } })).data.error, 'invalid_request');
    assert.equal((await anon('token', { client_id: clientId(), session_token: 'x'.repeat(43) })).data.error, 'invalid_session_token');
  });

  it('an expired session answers session_expired', async () => {
    const { data } = await anon('token', { client_id: clientId() });
    tenant.control.expireAnonymousSessions();
    const expired = await anon('token', { client_id: clientId(), session_token: data.session_token });
    assert.equal(expired.status, 400);
    assert.equal(expired.data.error, 'session_expired');
  });

  it('a transfer ticket is taken into a login once; logout ends the session its cookie names', async () => {
    tenant.control.resetAnonymous();
    const { data, headers } = await anon('token', { client_id: clientId(), metadata: { cart: 'pears' } });
    const ticket = await anon('token', { client_id: clientId(), session_token: data.session_token, audience: 'urn:auth0:anon_transfer' });
    assert.equal(ticket.data.expires_in, 30);
    const flow = await authorize(new Browser(tenant.domain), tenant, { params: { anon_transfer_token: ticket.data.anon_transfer_token } });
    assert.ok(flow.params.get('code'));
    await authorize(new Browser(tenant.domain), tenant, { params: { anon_transfer_token: ticket.data.anon_transfer_token } });
    const transfers = tenant.control.anonymousTransfers();
    assert.equal(transfers.length, 1, 'a ticket works once');
    assert.deepEqual(transfers[0].metadata, { cart: 'pears' });
    assert.match(transfers[0].anonymousSub, /^anon@/);

    const cookie = headers.get('set-cookie').split(';')[0];
    const out = await anon('logout', { client_id: clientId() }, { cookie });
    assert.equal(out.status, 200);
    assert.match(out.headers.get('set-cookie'), /^auth0_anon=;/);
    assert.equal((await anon('token', { client_id: clientId(), session_token: data.session_token })).data.error, 'invalid_session_token');
  });

  it("the login a ticket went into names the anonymous identity in its access tokens (anonymous_sub), refreshes too; other logins do not", async () => {
    tenant.control.resetAnonymous();
    const jwks = createLocalJWKSet(await (await fetch(`${tenant.issuer}.well-known/jwks.json`)).json());
    const claimsOf = async (token) => (await jwtVerify(token, jwks, { issuer: tenant.issuer, audience: 'https://api.example.com' })).payload;
    const { data } = await anon('token', { client_id: clientId() });
    const anonymousSub = (await claimsOf(data.access_token)).sub;
    const ticket = await anon('token', { client_id: clientId(), session_token: data.session_token, audience: 'urn:auth0:anon_transfer' });
    const params = { audience: 'https://api.example.com', scope: 'openid profile offline_access read:messages', anon_transfer_token: ticket.data.anon_transfer_token };
    const tokens = await login(new Browser(tenant.domain), tenant, { user: 'bob', params });
    assert.equal(tokens.status, 200, tokens.text);
    const claims = await claimsOf(tokens.data.access_token);
    assert.equal(claims.sub, tenant.info.users.bob.sub);
    assert.equal(claims.anonymous_sub, anonymousSub);
    assert.deepEqual(tenant.control.anonymousTransfers().map((t) => [t.anonymousSub, t.userSub]), [[anonymousSub, tenant.info.users.bob.sub]]);

    const refreshed = await tokenRequest(tenant, { grant_type: 'refresh_token', client_id: clientId(), refresh_token: tokens.data.refresh_token });
    assert.equal(refreshed.status, 200, refreshed.text);
    assert.equal((await claimsOf(refreshed.data.access_token)).anonymous_sub, anonymousSub);

    // The same ticket again (it is single use), and a login without one: no claim.
    const { anon_transfer_token: used } = ticket.data;
    for (const extra of [{ anon_transfer_token: used }, {}]) {
      const other = await login(new Browser(tenant.domain), tenant, { user: 'alice', params: { audience: 'https://api.example.com', scope: 'openid', ...extra } });
      assert.equal(other.status, 200, other.text);
      assert.equal((await claimsOf(other.data.access_token)).anonymous_sub, undefined);
    }
  });
});
