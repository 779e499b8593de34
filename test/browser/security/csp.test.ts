// Every element under the README's strict Content-Security-Policy, sent as a real response header:
// refresh tokens in memory mode (the worker from `worker-url`), the silent iframe, an
// <auth0-fetch> to the page's own API — and not one violation.
import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { frame, nextFixtureMessage } from '../engine/helpers.js';
import { clean, info, signedIn } from './helpers.js';

/** The README's policy ("CSP" section), for a tenant at `tenant` and no other API. */
export const strictPolicy = (tenantOrigin: string) =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: https:",
    `connect-src 'self' ${tenantOrigin}`,
    `frame-src ${tenantOrigin}`,
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
    "frame-ancestors 'self'",
  ].join('; ');

async function openStrictPage(extra = '') {
  const { domain, clients } = await info();
  const query = new URLSearchParams({ domain, clientId: clients.spa.clientId, csp: strictPolicy(new URL(domain).origin) });
  const answer = nextFixtureMessage('strict-csp-page', 30_000);
  const iframe = frame();
  iframe.src = `/__security/page/strict-csp.html?${query}${extra}`;
  return { iframe, answer: await answer };
}

describe('security: a strict CSP page with refresh tokens in memory', () => {
  beforeEach(async () => {
    await clean();
    // A tenant session (and the hint cookie) from a login on this origin; the page restores it.
    (await signedIn()).remove();
    await tenant.control('resetRequests');
  });
  afterEach(() => document.querySelectorAll('iframe').forEach((iframe) => iframe.remove()));

  it('every element works and nothing is blocked; the refresh goes through the worker-url worker', async () => {
    const { answer, iframe } = await openStrictPage();
    expect(answer.step, answer.description).to.equal('done');
    expect(answer.violations).to.deep.equal([]);
    expect(answer).to.include({ status: 'authenticated', fetched: 200, refreshed: true, members: true, display: 'contents' });
    expect(answer.user).to.contain('Alice Example');
    expect(answer.buttons).to.be.at.least(4);
    // The header really was on the page: an inline script would be refused.
    expect((await fetch(iframe.src)).headers.get('content-security-policy')).to.contain("script-src 'self'");
    const grants = await tenant.control<any[]>('tokenRequests');
    expect(grants.map((g) => g.grantType)).to.deep.equal(['authorization_code', 'refresh_token']);
  });

  it('without worker-url the policy blocks the blob: worker, and the page is told why', async () => {
    const { answer } = await openStrictPage('&noWorkerUrl');
    expect(answer.violations.map((v: any) => v.directive)).to.include('worker-src');
    expect(answer.step).to.equal('error');
    expect(answer.error).to.equal('worker_unavailable');
  });
});
