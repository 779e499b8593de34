// useCookiesForTransactions: the redirect login's transaction in a cookie, as the SDK keeps it
// (name, attributes, the `_legacy_` copy, removed by the callback), so that a callback opened in a
// fresh context — another tab, a new browser process after a magic link — still finishes the login.
import { expect } from '@open-wc/testing';
import { parity, type Env } from './harness.js';

/** A redirect login started here; the callback handled by a client in a fresh realm with only the cookies left. */
async function callbackElsewhere(env: Env, options: Record<string, unknown>) {
  const client = env.client(options);
  const url = await env.redirectLogin(client);
  // The app's process is gone: no memory, no sessionStorage (per tab); cookies stay.
  for (const key of Object.keys(sessionStorage)) if (!key.startsWith('wtr')) sessionStorage.removeItem(key);
  const other = await env.otherTab();
  const fresh = new other.Auth0Client({ domain: env.facts.domain, clientId: env.facts.clientId, ...options } as any);
  // Its errors come from the other realm's classes: compared by their codes here.
  const result = await fresh.handleRedirectCallback(url).catch((e) => ({ error: e.error, message: e.message, generic: e instanceof other.GenericError }));
  return { result, user: await fresh.getUser(), cookies: document.cookie.split('; ').map((c) => c.split('=')[0]).filter((n) => n.includes('txs')).sort() };
}

describe('parity: useCookiesForTransactions', function () {
  this.timeout(60_000);

  it('loginWithRedirect: the transaction cookie and its _legacy_ copy (a day), nothing in sessionStorage', async () => {
    const { sdk } = await parity(async (env) => {
      const client = env.client({ useCookiesForTransactions: true });
      await client.loginWithRedirect({ openUrl: () => undefined, appState: { to: '/cart' } });
      return 'redirected';
    });
    expect(sdk.cookies.map((c) => [c.name, c.days])).to.deep.equal([
      ["_legacy_a0.spajs.txs.demo-spa-client", 1],
      ['a0.spajs.txs.demo-spa-client', 1],
    ]);
    expect(sdk.cookies[1].value).to.include({ code_verifier: 'string', state: 'string', nonce: 'string' });
    expect(sdk.sessionStorage).to.deep.equal({});
  });

  it('legacySameSiteCookie: false and cookieDomain: one cookie, on that domain', async () => {
    const { sdk } = await parity(async (env) => {
      const client = env.client({ useCookiesForTransactions: true, legacySameSiteCookie: false, cookieDomain: '127.0.0.1' });
      await client.loginWithRedirect({ openUrl: () => undefined });
      return 'redirected';
    });
    expect(sdk.cookies.map((c) => c.name)).to.deep.equal(['a0.spajs.txs.demo-spa-client']);
  });

  it('a magic link: the callback in a fresh context with only the cookies finishes the login; the transaction cookies go', async () => {
    const { sdk } = await parity((env) => callbackElsewhere(env, { useCookiesForTransactions: true }));
    expect(sdk.result).to.deep.include({ cookies: [] });
    expect((sdk.result as any).user).to.have.property('email');
  });

  it('without it (sessionStorage), the same callback has no transaction: missing_transaction', async () => {
    const { sdk } = await parity((env) => callbackElsewhere(env, {}));
    expect((sdk.result as any).result).to.deep.equal({ error: 'missing_transaction', message: 'Invalid state', generic: true });
  });
});
