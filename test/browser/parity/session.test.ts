// Everyday calls on both SDKs: tokens from the cache and the tenant, claims, logout.
import { expect } from '@open-wc/testing';
import { parity, type Env } from './harness.js';

const loggedIn = async (env: Env, options: Parameters<Env['client']>[0] = {}) => {
  const client = env.client(options);
  await env.popupLogin(client);
  await env.control('resetRequests');
  return client;
};

/** A URL as an app would look at it: origin + path and its parameters (telemetry as its keys). */
function urlParts(url: string) {
  const u = new URL(url);
  const params: Record<string, unknown> = {};
  for (const [key, value] of u.searchParams) params[key] = key === 'auth0Client' ? Object.keys(JSON.parse(atob(value))).sort() : ['state', 'nonce', 'code_challenge'].includes(key) ? '<random>' : value;
  return { at: `${u.origin}${u.pathname}`, params, hash: u.hash };
}

describe('parity: session calls', function () {
  this.timeout(60_000);

  it('getTokenSilently({detailedResponse}) from the cache, localstorage: the answer and the stored entries', async () => {
    await parity(async (env) => {
      const client = await loggedIn(env, { cacheLocation: 'localstorage' });
      return client.getTokenSilently({ detailedResponse: true });
    });
  });

  it('getTokenSilently({cacheMode: "off"}) through the silent iframe', async () => {
    await parity(async (env) => {
      const client = await loggedIn(env);
      return client.getTokenSilently({ cacheMode: 'off', detailedResponse: true });
    });
  });

  it('getTokenSilently for an API audience with a scope', async () => {
    await parity(async (env) => {
      const client = await loggedIn(env);
      const detailed = await client.getTokenSilently({ detailedResponse: true, authorizationParams: { audience: env.facts.apis.default, scope: 'read:messages' } });
      return { ...detailed, cached: await client.getTokenSilently({ cacheMode: 'cache-only', authorizationParams: { audience: env.facts.apis.default, scope: 'read:messages' } }) };
    });
  });

  it('getTokenSilently({cacheMode: "cache-only"}) when logged out: undefined, no request', async () => {
    await parity(async (env) => env.client().getTokenSilently({ cacheMode: 'cache-only' }));
  });

  it('getTokenSilently without a session: login_required', async () => {
    await parity(async (env) => env.client().getTokenSilently());
  });

  it('getIdTokenClaims: the claim names', async () => {
    await parity(async (env) => {
      const client = await loggedIn(env);
      return Object.keys((await client.getIdTokenClaims())!).sort();
    });
  });

  it('logout({openUrl: false}): local session gone, no request', async () => {
    await parity(async (env) => {
      const client = await loggedIn(env, { cacheLocation: 'localstorage' });
      await client.logout({ openUrl: false });
      return 'done';
    });
  });

  it('logout with openUrl: the logout URL (returnTo, federated) and the local session gone', async () => {
    await parity(async (env) => {
      const client = await loggedIn(env);
      const urls: string[] = [];
      await client.logout({ logoutParams: { returnTo: `${location.origin}/bye`, federated: true }, openUrl: (url) => void urls.push(url) });
      await client.logout({ clientId: null, openUrl: (url) => void urls.push(url) });
      return urls.map(urlParts);
    });
  });

  it('loginWithRedirect: the authorize URL and the stored transaction', async () => {
    await parity(async (env) => {
      const client = env.client({ authorizationParams: { redirect_uri: env.callbackUrl, audience: env.facts.apis.default, custom_param: 'x' } });
      let url = '';
      await client.loginWithRedirect({ appState: { to: '/x' }, authorizationParams: { scope: 'read:messages', screen_hint: 'signup' }, openUrl: (u) => void (url = u) });
      return urlParts(url);
    });
  });

  it('a redirect login round trip: handleRedirectCallback result, user, cache', async () => {
    await parity(async (env) => {
      const client = env.client({ cacheLocation: 'localstorage' });
      const url = await env.redirectLogin(client, 'bob', { appState: { target: '/profile' } });
      return client.handleRedirectCallback(url);
    });
  });
});

describe('parity: the scope map', function () {
  this.timeout(60_000);

  it("authorizationParams.scope as {audience: scope}: ours logs in with the audience's entry (the documented rule; README table)", async () => {
    await parity(
      async (env) => {
        const { apis } = env.facts;
        const client = env.client({ authorizationParams: { audience: apis.default, scope: { [apis.default]: 'read:messages', [apis.analytics]: 'read:stats' } as any } });
        await env.popupLogin(client);
        const token = await client.getTokenSilently({ detailedResponse: true });
        return token?.scope;
      },
      {
        deliberate(sdk, ours) {
          // The SDK's login asks for `openid` only, then needs a second silent login for the
          // audience's scopes; ours asks for them at once and answers from the cache.
          const scopes = (o: typeof sdk) => o.requests.filter((r) => r.path === '/authorize').map((r) => r.params.scope);
          expect(scopes(sdk)).to.deep.equal(['openid', 'openid read:messages']);
          expect(scopes(ours)).to.deep.equal(['openid read:messages']);
          expect(ours.requests).to.have.length(2);
          ours.requests = sdk.requests;
        },
      },
    );
  });
});
