// client.anonymous on the real SDK and on ours, side by side against the local tenant: a session
// created, used, expired, transferred into a login and logged out, and the
// createAnonymousSessionOnFailedSilentAuth option. The SDK's anonymous client always asks
// https://<domain> (its auth-js prefixes the scheme to the `domain` option, which for the local
// tenant is an http origin): the scenario fixes that URL at its frame's fetch, the network edge.
import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { parity, type Env } from '../parity/harness.js';
import { facts } from '../engine/helpers.js';

const API = 'https://api.example.com';

/** A clean anonymous slate at the tenant, and the SDK's doubled scheme fixed at the frame's fetch. */
async function edge(env: Env): Promise<void> {
  await env.control('resetAnonymous');
  const win = env.win as any;
  const fetch = win.fetch.bind(win);
  win.fetch = (input: RequestInfo | URL, init?: RequestInit) => fetch(typeof input === 'string' ? input.replace(/^https:\/\/(https?:\/\/)/, '$1') : input, init);
}

async function anonymousRequests(): Promise<unknown[]> {
  const records = await tenant.control<Array<{ method: string; path: string; status: number }>>('requests');
  return records.filter((r) => r.path.startsWith('/anonymous/') && r.method === 'POST').map((r) => ({ path: r.path, status: r.status }));
}

/** Expiry times as what an app can rely on: about so many seconds from now. */
const inSeconds = (at: unknown) => (typeof at === 'number' ? Math.round((at - Date.now() / 1000) / 60) * 60 : at);

describe('parity: client.anonymous', function () {
  this.timeout(120_000);

  it('createSession, getTokenSilently (cached, then another scope), hasSession, getClaims, logout', async () => {
    const { sdk } = await parity(async (env) => {
      await edge(env);
      const client = env.client();
      const before = client.anonymous.hasSession();
      const session = await client.anonymous.createSession({ audience: API, metadata: { cart: 'apples' } });
      const cached = await client.anonymous.getTokenSilently({ audience: API });
      const fresh = await client.anonymous.getTokenSilently({ audience: API, scope: 'read:products' });
      const during = client.anonymous.hasSession();
      const claims = client.anonymous.getClaims();
      const ticket = await client.anonymous.mintTransferToken();
      // Another client of the page (a new page load, as far as it knows) finds the stored session at once.
      const another = env.client().anonymous.hasSession();
      await client.anonymous.logout();
      return {
        before,
        session: { ...session, expiresAt: inSeconds(session.expiresAt), sessionTokenExpiresAt: inSeconds(session.sessionTokenExpiresAt) },
        cachedIsTheSame: cached.accessToken === session.accessToken,
        cached: { ...cached, expiresAt: inSeconds(cached.expiresAt) },
        fresh: { ...fresh, expiresAt: inSeconds(fresh.expiresAt) },
        during,
        another,
        claims,
        ticket: typeof ticket,
        after: client.anonymous.hasSession(),
        requests: await anonymousRequests(),
      };
    });
    expect(sdk.result).to.deep.include({ before: false, during: true, another: true, after: false, cachedIsTheSame: true, ticket: 'string' });
  });

  it('an expired session: session_expired, everything forgotten, and the next call fails without a request', async () => {
    const { sdk } = await parity(async (env) => {
      await edge(env);
      const client = env.client({ anonymousSessionsCacheMode: 'memory' });
      await client.anonymous.createSession({ audience: API });
      await env.control('expireAnonymousSessions');
      const errors = [];
      for (let i = 0; i < 2; i++) {
        try {
          await client.anonymous.getTokenSilently({ audience: API, scope: 'read:products' });
        } catch (e: any) {
          errors.push({ name: e.name, code: e.code, message: e.message, cause: e.cause });
        }
      }
      return { errors, hasSession: client.anonymous.hasSession(), requests: await anonymousRequests(), localStorage: Object.keys(localStorage).filter((k) => k.includes('anonymous')) };
    });
    expect((sdk.result as any).errors.map((e: any) => e.code)).to.deep.equal(['session_expired', 'session_expired']);
  });

  it('the tenant\'s errors: AnonymousSessionError with its code and cause', async () => {
    const { sdk } = await parity(async (env) => {
      await edge(env);
      const client = env.client();
      await client.anonymous.createSession({ audience: 'https://admin.example.com' });
    });
    expect(sdk.error).to.deep.include({ class: 'AnonymousSessionError' });
  });

  it('a login takes the anonymous session along (anon_transfer_token), once', async () => {
    const { sdk } = await parity(async (env) => {
      await edge(env);
      const client = env.client();
      await client.anonymous.createSession({ audience: API, metadata: { cart: 'pears' } });
      const url = await env.redirectLogin(client, 'alice');
      await client.handleRedirectCallback(url);
      const transfers = ((await env.control('anonymousTransfers')) as any[]).map(({ anonymousSub, ...rest }) => ({ ...rest, anonymous: /^anon@/.test(anonymousSub) }));
      return { transfers, user: (await client.getUser())?.sub, stillAnonymous: client.anonymous.hasSession() };
    });
    const [transfer] = (sdk.raw as any).transfers;
    expect(transfer.metadata).to.deep.equal({ cart: 'pears' });
    expect(sdk.requests.find((r) => r.path === '/authorize')!.params).to.have.property('anon_transfer_token', '<random>');
  });

  it('createAnonymousSessionOnFailedSilentAuth: checkSession without a session starts one', async () => {
    const { sdk } = await parity(async (env) => {
      await edge(env);
      const client = await env.create({ createAnonymousSessionOnFailedSilentAuth: true });
      const first = client.anonymous.hasSession();
      await client.checkSession();
      return { first, requests: await anonymousRequests() };
    });
    expect(sdk.result).to.deep.equal({ first: true, requests: [{ path: '/anonymous/token', status: 200 }] });
  });
});

describe('AnonymousSessionApiClient (the engine entry’s class)', function () {
  this.timeout(60_000);

  it('loads its code on the first call and keeps the session, as client.anonymous does', async () => {
    const ours = await import('../../../src/engine.js');
    const { domain, clientId } = await facts();
    await tenant.control('resetAnonymous');
    localStorage.clear(); // what the scenarios above stored
    await tenant.clearCookies(); // and their anonymous-session cookie
    const client = new ours.AnonymousSessionApiClient(domain, clientId);
    expect(client.hasSession()).to.equal(false);
    const session = await client.createSession({ audience: API });
    expect(session.accessToken).to.be.a('string');
    expect(client.hasSession()).to.equal(true);
    expect((await client.getTokenSilently({ audience: API })).accessToken).to.equal(session.accessToken);
    // A new instance (a new page load, as far as it knows) finds the stored session before any call.
    expect(new ours.AnonymousSessionApiClient(domain, clientId).hasSession()).to.equal(true);
    expect(client.getClaims()).to.equal(null);
    await client.logout();
    expect(client.hasSession()).to.equal(false);
  });
});
