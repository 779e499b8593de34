// The tenant's refresh-token reuse interval (Auth0's `refresh_token.leeway`) and the faults that
// damage an answer after the tenant processed the request (demo/tenant/faults.js).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startTenant } from '../../demo/tenant/index.js';
import defaultConfig from '../../demo/tenant/tenant.config.js';
import { APP_ORIGIN, Browser, login, tokenRequest } from '../support/tenant-flow.mjs';

/** @type {Awaited<ReturnType<typeof startTenant>>} */
let tenant;

before(async () => {
  tenant = await startTenant({ appOrigins: [APP_ORIGIN], quiet: true });
});
after(() => tenant.close());

async function refreshToken() {
  const tokens = await login(new Browser(tenant.domain), tenant, { params: { scope: 'openid offline_access' } });
  assert.equal(typeof tokens.data.refresh_token, 'string');
  return tokens.data.refresh_token;
}

const refresh = (refresh_token) => tokenRequest(tenant, { grant_type: 'refresh_token', client_id: tenant.info.clients.spa.clientId, refresh_token });

describe('tenant: refresh-token reuse interval', { timeout: 60_000 }, () => {
  beforeEach(() => {
    tenant.control.refreshTokenReuseInterval(null);
    tenant.control.clearFaults();
  });

  it("Auth0's default, 0 s: a reuse revokes the family, the unseen successor included", async () => {
    assert.equal(defaultConfig.clients.spa.refreshTokenReuseInterval, 0);
    const first = await refreshToken();
    const rotated = await refresh(first);
    assert.equal(rotated.status, 200);
    assert.equal((await refresh(first)).data.error, 'invalid_grant');
    assert.equal((await refresh(rotated.data.refresh_token)).data.error, 'invalid_grant');
  });

  it('within the interval the previous token works again, and its unseen successor is dropped', async () => {
    tenant.control.refreshTokenReuseInterval(30);
    const first = await refreshToken();
    const lost = await refresh(first);
    const again = await refresh(first);
    assert.equal(again.status, 200);
    assert.notEqual(again.data.refresh_token, lost.data.refresh_token);
    assert.equal((await refresh(lost.data.refresh_token)).data.error, 'invalid_grant', 'one live branch');
    const next = await refresh(again.data.refresh_token);
    assert.equal(next.status, 200, 'the family lives on');
  });

  it('only the previous token: once its successor was used, a reuse revokes the family', async () => {
    tenant.control.refreshTokenReuseInterval(30);
    const first = await refreshToken();
    const second = await refresh(first);
    const third = await refresh(second.data.refresh_token);
    assert.equal(third.status, 200);
    assert.equal((await refresh(first)).data.error, 'invalid_grant');
    assert.equal((await refresh(third.data.refresh_token)).data.error, 'invalid_grant');
  });

  it('past the interval a reuse revokes the family', async () => {
    tenant.control.refreshTokenReuseInterval(1);
    const first = await refreshToken();
    const second = await refresh(first);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    assert.equal((await refresh(first)).data.error, 'invalid_grant');
    assert.equal((await refresh(second.data.refresh_token)).data.error, 'invalid_grant');
  });

  it('refuses a malformed interval', () => {
    assert.throws(() => tenant.control.refreshTokenReuseInterval(-1), TypeError);
    assert.throws(() => tenant.control.refreshTokenReuseInterval('5'), TypeError);
  });
});

describe('tenant faults after processing', { timeout: 60_000 }, () => {
  beforeEach(() => tenant.control.clearFaults());

  for (const [kind, expectation] of [
    ['reset-after', /fetch failed|socket|other side closed/i],
    ['truncated-after', /terminated|socket|other side closed/i],
  ]) {
    it(`${kind}: the request is processed (the token rotated), the answer never arrives whole`, async () => {
      const first = await refreshToken();
      tenant.control.fault('token', kind);
      await assert.rejects(refresh(first), expectation);
      assert.equal((await refresh(first)).data.error, 'invalid_grant', 'the token was used');
    });
  }

  it('cut-json-after: a complete 200 whose JSON stops halfway; the token rotated', async () => {
    const first = await refreshToken();
    tenant.control.fault('token', 'cut-json-after');
    const cut = await refresh(first);
    assert.equal(cut.status, 200);
    assert.equal(cut.data, undefined);
    assert.match(cut.text, /^\{"access_token":/);
    assert.equal((await refresh(first)).data.error, 'invalid_grant');
  });

  it('slow-after: the headers at once, the body only 5 s later', async () => {
    const first = await refreshToken();
    tenant.control.fault('token', 'slow-after');
    const started = Date.now();
    const response = await fetch(`${tenant.issuer}oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: tenant.info.clients.spa.clientId, refresh_token: first }),
      signal: AbortSignal.timeout(1000),
    });
    assert.equal(response.status, 200);
    await assert.rejects(response.text(), { name: 'TimeoutError' });
    assert.ok(Date.now() - started < 4000);
    assert.equal((await refresh(first)).data.error, 'invalid_grant');
  });

  for (const status of ['429', '503']) {
    it(`${status}: not processed, with Retry-After for the app origin`, async () => {
      const first = await refreshToken();
      tenant.control.fault('token', status);
      const throttled = await tokenRequest(tenant, { grant_type: 'refresh_token', client_id: tenant.info.clients.spa.clientId, refresh_token: first }, { headers: { origin: APP_ORIGIN } });
      assert.equal(throttled.status, Number(status));
      assert.equal(throttled.headers.get('retry-after'), '1');
      assert.match(throttled.headers.get('access-control-expose-headers'), /Retry-After/);
      assert.equal((await refresh(first)).status, 200, 'the token was not used');
    });
  }
});
