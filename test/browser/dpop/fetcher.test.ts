import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { UseDpopNonceError, type Auth0Client } from '../../../src/index.js';
import { cleanSlate, facts, failure, newClient, popupLogin } from '../engine/helpers.js';
import { apiUrl, decodeJwt, messagesUrl, proofSignatureValid, sha256 } from './helpers.js';

/** A signed-in client for the default API (the one the demo API accepts), DPoP on unless told. */
async function signedIn({ useDpop = true, audience = true } = {}): Promise<Auth0Client> {
  const { apis } = await facts();
  const client = await newClient({ useDpop, authorizationParams: audience ? { audience: apis.default } : {} });
  if (useDpop) await client.logout({ openUrl: false }); // no key or nonce from an earlier test
  await popupLogin(client);
  return client;
}

/** A custom `fetch` that sends for real and keeps a copy of every Request as it left. */
function recordingFetch() {
  const sent: Request[] = [];
  return { sent, fetch: (request: Request) => (sent.push(request.clone()), fetch(request)) };
}

describe('createFetcher / fetchWithAuth against the DPoP-protected demo API', () => {
  beforeEach(cleanSlate);

  it('DPoP: Authorization: DPoP, a fresh §4.2 proof with ath; the API nonce challenge is retried once', async () => {
    const client = await signedIn();
    const token = await client.getTokenSilently({ cacheMode: 'cache-only' });
    const { sent, fetch } = recordingFetch();
    const fetcher = client.createFetcher({ dpopNonceId: 'demo-api', fetch });
    const response = await fetcher.fetchWithAuth(await messagesUrl());
    expect(response).to.be.instanceOf(Response);
    expect(response.status).to.equal(200);
    const body = await response.json();
    expect(body.token_type).to.equal('DPoP');
    expect(body.user).to.equal((await facts()).users.alice.sub);

    // The API demands its nonce: the first request is refused, the retry carries the nonce.
    expect(sent).to.have.length(2);
    const proofs = sent.map((request) => decodeJwt(request.headers.get('DPoP')!));
    for (const [i, request] of sent.entries()) {
      expect(request.headers.get('Authorization')).to.equal(`DPoP ${token}`);
      expect(await proofSignatureValid(request.headers.get('DPoP')!)).to.equal(true);
      expect(proofs[i].header.typ).to.equal('dpop+jwt');
      expect(proofs[i].payload).to.include({ htm: 'GET', htu: await messagesUrl(), ath: await sha256(token) });
    }
    expect(proofs[0].payload).not.to.have.property('nonce');
    expect(proofs[1].payload.nonce).to.be.a('string');
    expect(proofs[1].payload.jti).to.not.equal(proofs[0].payload.jti);
    expect(await client.getDpopNonce('demo-api')).to.be.a('string');
    expect(await client.getDpopNonce()).to.not.equal(await client.getDpopNonce('demo-api')); // per id

    // The nonce is kept: the next request goes through at once.
    sent.length = 0;
    expect((await fetcher.fetchWithAuth(await messagesUrl())).status).to.equal(200);
    expect(sent).to.have.length(1);
  });

  it('a stale API nonce (as after the API rotated it) is replaced from the challenge and retried', async () => {
    const client = await signedIn();
    await client.setDpopNonce('a-nonce-the-api-no-longer-accepts', 'demo-api');
    const { sent, fetch } = recordingFetch();
    const response = await client.createFetcher({ dpopNonceId: 'demo-api', fetch }).fetchWithAuth(await messagesUrl());
    expect(response.status).to.equal(200);
    const nonces = sent.map((request) => decodeJwt(request.headers.get('DPoP')!).payload.nonce);
    expect(nonces[0]).to.equal('a-nonce-the-api-no-longer-accepts');
    expect(nonces[1]).to.be.a('string').and.not.equal(nonces[0]);
    expect(await client.getDpopNonce('demo-api')).to.not.equal('a-nonce-the-api-no-longer-accepts');
  });

  it('a replayed proof is refused by the API (jti seen before)', async () => {
    const client = await signedIn();
    const { sent, fetch } = recordingFetch();
    expect((await client.createFetcher({ dpopNonceId: 'demo-api', fetch }).fetchWithAuth(await messagesUrl())).status).to.equal(200);
    const accepted = sent.at(-1)!;
    const replay = await window.fetch(accepted.url, {
      headers: { Authorization: accepted.headers.get('Authorization')!, DPoP: accepted.headers.get('DPoP')! },
    });
    expect(replay.status).to.equal(401);
    expect(replay.headers.get('WWW-Authenticate')).to.match(/^DPoP .*error="invalid_dpop_proof"/);
    expect((await replay.json()).error_description).to.match(/already used/);
  });

  it('useDpop off: Authorization: Bearer and no DPoP header (the demo API, DPoP-only, says so)', async () => {
    const client = await signedIn({ useDpop: false });
    const token = await client.getTokenSilently({ cacheMode: 'cache-only' });
    const { sent, fetch } = recordingFetch();
    const response = await client.createFetcher({ fetch }).fetchWithAuth(await messagesUrl());
    expect(sent).to.have.length(1);
    expect(sent[0].headers.get('Authorization')).to.equal(`Bearer ${token}`);
    expect(sent[0].headers.has('DPoP')).to.equal(false);
    expect(response.status).to.equal(401);
    expect((await response.json()).error_description).to.equal('this API accepts only DPoP-bound access tokens');
  });

  it('useDpop off: a Bearer token the tenant accepts at /userinfo', async () => {
    const client = await signedIn({ useDpop: false, audience: false });
    const { domain, users } = await facts();
    const response = await client.createFetcher().fetchWithAuth(`${domain}/userinfo`);
    expect(response.status).to.equal(200);
    expect((await response.json()).sub).to.equal(users.alice.sub);
  });

  it('a custom fetch gets a ready Request (method, body, the caller\'s headers, auth headers) and its answer is returned', async () => {
    const client = await signedIn();
    const seen: Request[] = [];
    const answer = { status: 201, headers: { 'Content-Type': 'application/json' }, data: { id: 7 } };
    const fetcher = client.createFetcher({
      dpopNonceId: 'custom',
      fetch: async (request) => (seen.push(request), answer),
    });
    const result = await fetcher.fetchWithAuth('https://api.example.com/things?page=2#top', {
      method: 'POST',
      body: JSON.stringify({ name: 'John Doe' }),
      headers: { 'x-client': 'My Client 1.0' },
    });
    expect(result).to.equal(answer);
    const [request] = seen;
    expect(request).to.be.instanceOf(Request);
    expect(request.method).to.equal('POST');
    expect(await request.text()).to.equal('{"name":"John Doe"}');
    expect(request.headers.get('x-client')).to.equal('My Client 1.0');
    expect(request.headers.get('Authorization')).to.match(/^DPoP /);
    const proof = decodeJwt(request.headers.get('DPoP')!).payload;
    expect(proof).to.include({ htm: 'POST', htu: 'https://api.example.com/things' }); // no query, no fragment
  });

  it('a custom fetch with the wrong return shape → a TypeError that says what is expected', async () => {
    const client = await signedIn();
    for (const wrong of [async () => null, async () => ({ ok: true }), async () => ({ status: '200', headers: {} }), async () => ({ status: 200 })]) {
      const error = await failure(client.createFetcher({ dpopNonceId: 'x', fetch: wrong as any }).fetchWithAuth('https://api.example.com/'));
      expect(error).to.be.instanceOf(TypeError);
      expect(error.message).to.match(/custom `fetch` must resolve to an object with a numeric `status` and `headers`/);
    }
    expect(() => client.createFetcher({ fetch: 'fetch' as any })).to.throw(TypeError, /`fetch` must be a function/);
    expect(() => client.createFetcher({ baseUrl: '/relative' })).to.throw(TypeError, /`baseUrl` must be an absolute URL/);
    expect(() => client.createFetcher({ dpopNonceId: '' })).to.throw(TypeError, /`dpopNonceId`/);
  });

  it('baseUrl joins relative URLs and is ignored for absolute ones', async () => {
    const client = await signedIn();
    const { sent, fetch } = recordingFetch();
    const fetcher = client.createFetcher({ baseUrl: `${await apiUrl()}/api/`, dpopNonceId: 'demo-api', fetch });
    expect((await fetcher.fetchWithAuth('/messages')).status).to.equal(200);
    expect(sent.at(-1)!.url).to.equal(await messagesUrl());
    const elsewhere = client.createFetcher({ baseUrl: 'https://unused.example/api', dpopNonceId: 'demo-api', fetch });
    expect((await elsewhere.fetchWithAuth(await messagesUrl())).status).to.equal(200);
    expect(sent.at(-1)!.url).to.equal(await messagesUrl());
  });

  it('an AbortSignal reaches the request: aborted before or during the call → AbortError, no retry', async () => {
    const client = await signedIn();
    const before = new AbortController();
    before.abort();
    const early = await failure(client.createFetcher({ dpopNonceId: 'demo-api' }).fetchWithAuth(await messagesUrl(), { signal: before.signal }));
    expect(early.name).to.equal('AbortError');

    const during = new AbortController();
    const seen: Request[] = [];
    const fetcher = client.createFetcher({
      dpopNonceId: 'demo-api',
      fetch: (request) => {
        seen.push(request);
        const pending = fetch(request);
        during.abort();
        return pending;
      },
    });
    const late = await failure(fetcher.fetchWithAuth(await messagesUrl(), { signal: during.signal }));
    expect(late.name).to.equal('AbortError');
    expect(seen).to.have.length(1);
    expect(seen[0].signal.aborted).to.equal(true);
  });

  it('a DPoP-bound token without dpopNonceId → a TypeError naming it, before any request', async () => {
    const client = await signedIn();
    let called = false;
    const error = await failure(client.createFetcher({ fetch: async () => ((called = true), new Response()) }).fetchWithAuth(await messagesUrl()));
    expect(error).to.be.instanceOf(TypeError);
    expect(error.message).to.match(/`dpopNonceId` is required/);
    expect(called).to.equal(false);
  });

  it('an API that keeps refusing the nonce → UseDpopNonceError after one retry; no nonce to retry with → at once', async () => {
    const client = await signedIn();
    let calls = 0;
    const challenge = (nonce?: string) => async () => {
      calls += 1;
      return { status: 401, headers: { 'WWW-Authenticate': 'DPoP error="use_dpop_nonce"', ...(nonce ? { 'DPoP-Nonce': `${nonce}-${calls}` } : {}) } };
    };
    let error = await failure(client.createFetcher({ dpopNonceId: 'stubborn', fetch: challenge('n') }).fetchWithAuth('https://api.example.com/'));
    expect(error).to.be.instanceOf(UseDpopNonceError);
    expect(error.error).to.equal('use_dpop_nonce');
    expect(error.newDpopNonce).to.equal('n-2');
    expect(calls).to.equal(2);
    calls = 0;
    error = await failure(client.createFetcher({ dpopNonceId: 'silent', fetch: challenge() }).fetchWithAuth('https://api.example.com/'));
    expect(error).to.be.instanceOf(UseDpopNonceError);
    expect(calls).to.equal(1);
  });

  it('getAccessToken and detailedResponse: the token\'s own type picks the scheme; authParams reach the token call', async () => {
    const client = await signedIn();
    const { apis } = await facts();
    const asked: unknown[] = [];
    const fetcher = client.createFetcher({
      dpopNonceId: 'demo-api',
      detailedResponse: true,
      getAccessToken: (authParams) => {
        asked.push(authParams);
        return client.getTokenSilently({ authorizationParams: { audience: authParams?.audience }, detailedResponse: true });
      },
    });
    const response = await fetcher.fetchWithAuth(await messagesUrl(), {}, { audience: apis.default });
    expect(response.status).to.equal(200);
    expect(asked).to.deep.equal([{ audience: apis.default }]);
    // A bare string with detailedResponse (the SDK's example writes it so) is the token itself: sent
    // as DPoP on this useDpop client, and refused by the API.
    const bare = client.createFetcher({ dpopNonceId: 'demo-api', detailedResponse: true, getAccessToken: async () => 'just-a-string' });
    expect((await bare.fetchWithAuth(await messagesUrl())).status).to.equal(401);
    const wrong = client.createFetcher({ dpopNonceId: 'demo-api', getAccessToken: async () => ({ token_type: 'DPoP' }) as any });
    expect(await failure(wrong.fetchWithAuth(await messagesUrl()))).to.be.instanceOf(TypeError);

    // Default token source: per-call scopes merge with the defaults and reach the API.
    const scoped = await client.createFetcher({ dpopNonceId: 'demo-api' }).fetchWithAuth(await messagesUrl(), {}, { scope: ['read:messages'] });
    expect(JSON.stringify((await scoped.json()).messages)).to.match(/read:messages/);
  });

  afterEach(() => tenant.control('clearFaults'));
});
