import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { GenericError, TimeoutError } from '../../../src/index.js';
import { cleanSlate, failure, inspectableCache, newClient, requestsTo, tenantSession } from './helpers.js';

/** A client with a cache we can look into, that already holds one good token for the default audience. */
async function clientWithCachedToken(options = {}) {
  const cache = inspectableCache();
  const client = await newClient({ cache, ...options });
  await client.getTokenSilently();
  const snapshot = JSON.stringify([...cache.entries]);
  return { client, cache, unchanged: () => JSON.stringify([...cache.entries]) === snapshot };
}

describe('/oauth/token failures', () => {
  beforeEach(async () => {
    await cleanSlate();
    await tenantSession('alice');
  });
  afterEach(() => tenant.control('clearFaults'));

  it('500 → GenericError with the tenant error code; nothing written to the cache', async () => {
    const { client, cache, unchanged } = await clientWithCachedToken();
    await tenant.control('fault', 'token', '500');
    const error = await failure(client.getTokenSilently({ cacheMode: 'off', authorizationParams: { scope: 'read:messages' } }));
    expect(error).to.be.instanceOf(GenericError);
    expect(error.error).to.equal('server_error');
    expect(error.error_description).to.include('test fault');
    expect(unchanged()).to.equal(true);
    expect(cache.entries.size).to.equal(2);
  });

  it('a hang past httpTimeoutInSeconds, on all 3 sends (as the SPA SDK) → TimeoutError; nothing written', async () => {
    const { client, unchanged } = await clientWithCachedToken({ httpTimeoutInSeconds: 1 });
    await tenant.control('resetRequests');
    await tenant.control('fault', 'token', 'hang', 3);
    const started = Date.now();
    const error = await failure(client.getTokenSilently({ cacheMode: 'off' }));
    expect(error).to.be.instanceOf(TimeoutError);
    expect(error.error).to.equal('timeout');
    expect(Date.now() - started, 'three sends of 1 s each, not the 60 s authorize timeout').to.be.below(9000);
    expect((await tenant.control<any[]>('tokenRequests')).map((r) => r.status)).to.deep.equal([0, 0, 0]);
    expect(unchanged()).to.equal(true);
  });

  it('a body that is not JSON, on all 3 sends → GenericError invalid_response; nothing written', async () => {
    const { client, unchanged } = await clientWithCachedToken();
    await tenant.control('fault', 'token', 'malformed', 3);
    const error = await failure(client.getTokenSilently({ cacheMode: 'off' }));
    expect(error).to.be.instanceOf(GenericError);
    expect(error.error).to.equal('invalid_response');
    expect(unchanged()).to.equal(true);
  });

  it('a dropped connection → GenericError network_error; nothing written', async () => {
    const { client, unchanged } = await clientWithCachedToken();
    // Chromium retries a request once when a reused connection drops: fail every attempt (3 sends).
    await tenant.control('fault', 'token', 'network', 9);
    const error = await failure(client.getTokenSilently({ cacheMode: 'off' }));
    expect(error).to.be.instanceOf(GenericError);
    expect(error.error).to.equal('network_error');
    expect(unchanged()).to.equal(true);
  });

  it('a failure on the first login leaves the cache empty and the session not authenticated', async () => {
    const cache = inspectableCache({ async: true, allKeys: false });
    const client = await newClient({ cache });
    await tenant.control('fault', 'token', '500');
    expect((await failure(client.getTokenSilently())).error).to.equal('server_error');
    expect(cache.entries.size).to.equal(0);
    expect(await client.isAuthenticated()).to.equal(false);
    expect(client.state.status).to.equal('loading');
  });

  it('sends a form body by default and JSON with useFormData: false; the tenant accepts both', async () => {
    const sent: string[] = [];
    const realFetch = window.fetch;
    // Observe the request at the network edge only (the engine itself is not touched).
    window.fetch = (input, init) => {
      if (String(input).endsWith('/oauth/token')) sent.push(new Headers(init?.headers).get('content-type') ?? '');
      return realFetch(input, init);
    };
    try {
      await (await newClient()).getTokenSilently();
      await (await newClient({ useFormData: false })).getTokenSilently();
    } finally {
      window.fetch = realFetch;
    }
    expect(sent).to.deep.equal(['application/x-www-form-urlencoded', 'application/json']);
    const posts = (await requestsTo('/oauth/token')).filter((r) => r.method === 'POST');
    expect(posts.slice(-2).map((r) => r.status)).to.deep.equal([200, 200]);
  });
});
