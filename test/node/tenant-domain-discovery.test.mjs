// The tenant's home-realm discovery (Enterprise Connect): WebFinger answers 200 for the federated
// demo domain and 404 for any other, and a federated login_hint at /authorize lands on the
// enterprise connection's (stand-in) login page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTenant } from '../../demo/tenant/index.js';
import { APP_ORIGIN, Browser, authorize } from '../support/tenant-flow.mjs';

/** @type {Awaited<ReturnType<typeof startTenant>>} */
let tenant;
before(async () => {
  tenant = await startTenant({ appOrigins: [APP_ORIGIN], quiet: true });
});
after(() => tenant.close());

const webfinger = (domain) => fetch(`${tenant.issuer}.well-known/webfinger?${new URLSearchParams({
  resource: `urn:auth0:discovery:domain:${domain}`, rel: 'http://openid.net/specs/connect/1.0/issuer',
})}`, { headers: { origin: APP_ORIGIN } });

describe('tenant: domain discovery', { timeout: 30_000 }, () => {
  it('a federated domain: 200 with a JRD naming the issuer, readable cross-origin', async () => {
    const response = await webfinger('acme.example');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const jrd = await response.json();
    assert.equal(jrd.subject, 'urn:auth0:discovery:domain:acme.example');
    assert.deepEqual(jrd.links, [{ rel: 'http://openid.net/specs/connect/1.0/issuer', href: tenant.issuer }]);
  });

  it('a domain that is not federated: 404; a malformed resource: 400', async () => {
    assert.equal((await webfinger('example.com')).status, 404);
    const bad = await fetch(`${tenant.issuer}.well-known/webfinger?resource=acct:alice@example.com`);
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).error, 'invalid_request');
  });

  it('/authorize with a federated login_hint shows the enterprise connection; another hint does not', async () => {
    const federated = await authorize(new Browser(tenant.domain), tenant, { user: null, params: { login_hint: 'carol@acme.example' } });
    assert.match(federated.html, /<strong id="connection">acme-sso<\/strong>/);
    const plain = await authorize(new Browser(tenant.domain), tenant, { user: null, params: { login_hint: 'alice@example.com' } });
    assert.match(plain.html, /Log in to/);
    assert.doesNotMatch(plain.html, /id="connection"/);
  });

  it('the enterprise login completes with a code', async () => {
    const flow = await authorize(new Browser(tenant.domain), tenant, { params: { login_hint: 'alice@acme.example' } });
    assert.ok(flow.params.get('code'), String(flow.url));
  });
});
