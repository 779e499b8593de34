// isFederatedDomain (Enterprise Connect's home-realm discovery) against the local tenant, whose
// WebFinger endpoint federates acme.example and nothing else; on ours, and beside the real SDK.
import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { isFederatedDomain } from '../../../src/engine.js';
import { parity } from '../parity/harness.js';

const webfingerRequests = async () =>
  (await tenant.control<Array<{ params: Record<string, string> }>>('requests', { path: '/.well-known/webfinger', method: 'GET' })).map((r) => r.params);

describe('isFederatedDomain', function () {
  this.timeout(60_000);

  beforeEach(() => tenant.control('resetRequests'));

  it('true for the federated demo domain, false for another; a yes is cached, asked once', async () => {
    const { domain } = await tenant.info();
    expect(await isFederatedDomain(domain, 'ACME.example')).to.equal(true);
    expect(await isFederatedDomain(domain, 'acme.example')).to.equal(true);
    expect(await isFederatedDomain(domain, 'unfederated.example')).to.equal(false);
    expect(await webfingerRequests()).to.deep.equal([
      { resource: 'urn:auth0:discovery:domain:acme.example', rel: 'http://openid.net/specs/connect/1.0/issuer' },
      { resource: 'urn:auth0:discovery:domain:unfederated.example', rel: 'http://openid.net/specs/connect/1.0/issuer' },
    ]);
  });

  it('never rejects: a failing or unreachable tenant is false', async () => {
    const { domain } = await tenant.info();
    const failing: typeof fetch = async () => new Response('{}', { status: 500 });
    expect(await isFederatedDomain(domain, 'fails.example', { customFetch: failing })).to.equal(false);
    const down: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await isFederatedDomain(domain, 'down.example', { customFetch: down })).to.equal(false);
    expect(await isFederatedDomain('http://127.0.0.1:9', 'acme.example')).to.equal(false);
  });

  it('parity: the same answers and the same WebFinger requests as the SPA SDK', async () => {
    const { sdk } = await parity(async (env) => {
      // The SDK always asks https://<host> (its auth-js strips the scheme); the local tenant speaks
      // http, so its requests are sent there as http, at the network edge of its frame.
      const seen: string[] = [];
      const customFetch: typeof fetch = (input, init) => {
        const url = String(input).replace(/^https:/, 'http:');
        seen.push(url.slice(url.indexOf('/.well-known')));
        return env.win.fetch(url, init);
      };
      const answers = [];
      for (const email of ['acme.example', 'other.example', 'acme.example']) answers.push(await env.lib.isFederatedDomain(env.facts.domain, email, { customFetch }));
      return { answers, seen, tenantSaw: await webfingerRequests() };
    });
    expect((sdk.result as any).answers).to.deep.equal([true, false, true]);
  });

  it('parity: enterpriseConnect warns about contradicting options and a logout without federated', async () => {
    const { sdk } = await parity(async (env) => {
      const warnings: string[] = [];
      const { warn } = (env.win as any).console;
      (env.win as any).console.warn = (...args: unknown[]) => void warnings.push(String(args[0]));
      try {
        const waitFor = async (n: number) => {
          // Ours loads the warnings' code on first use: wait for them (the SDK's come at once).
          for (const deadline = Date.now() + 10_000; warnings.length < n && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 20));
          return [...warnings];
        };
        const client = env.client({ enterpriseConnect: true, useRefreshTokens: true, authorizationParams: { organization: env.facts.organizations.acme.id } });
        const created = await waitFor(2);
        await client.logout({ openUrl: false });
        const afterLogout = await waitFor(3);
        await client.logout({ openUrl: false, logoutParams: { federated: true } });
        return { created, afterLogout, afterFederated: [...warnings] };
      } finally {
        (env.win as any).console.warn = warn;
      }
    });
    expect((sdk.result as any).afterFederated).to.have.length(3);
  });
});
