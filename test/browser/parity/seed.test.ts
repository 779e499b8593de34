// The seed examples (shared/reference/spa-sdk-examples.md), each run on both SDKs. Those with a
// scenario elsewhere in this folder:
//   Logging out (logout(), returnTo)              session.test.ts  "logout with openUrl", "logout({openUrl: false})"
//   Calling an API (getTokenSilently)             session.test.ts  "getTokenSilently …", startup.test.ts
//   Refresh tokens (useRefreshTokens)             refresh.test.ts  "popup login with useRefreshTokens", "…the refresh grant body"
//   MRRT (useMrrt)                                refresh.test.ts  "the refresh grant for another audience with useMrrt"
//   Scopes per audience (scope map)               session.test.ts  "authorizationParams.scope as {audience: scope}" (README table)
//   Data caching (cacheLocation: 'localstorage')  session.test.ts, refresh.test.ts (localstorage scenarios)
//   Connected accounts: login + callback          session.test.ts  "a redirect login round trip" (the connect call: below)
// and the rest here, in the seed's order.
import { expect } from '@open-wc/testing';
import { nextMessage, parity, type Env } from './harness.js';

/** The seed's `sessionStorageCache`, as written there (allKeys included). */
const sessionStorageCache = {
  get: (key: string) => JSON.parse(sessionStorage.getItem(key)!),
  set: (key: string, value: unknown) => sessionStorage.setItem(key, JSON.stringify(value)),
  remove: (key: string) => sessionStorage.removeItem(key),
  allKeys: () => Object.keys(sessionStorage),
};

/** loginWithRedirect that the tenant session answers without a login page (SSO); resolves with the callback URL. */
async function ssoRedirect(env: Env, client: ReturnType<Env['client']>, organization: string): Promise<string> {
  const frame = env.win.document.createElement('iframe');
  env.win.document.body.append(frame);
  const back = nextMessage<{ url: string }>(env.win, 'parity-callback');
  await client.loginWithRedirect({ authorizationParams: { organization, redirect_uri: env.callbackUrl }, openUrl: async (url) => void (frame.src = url) });
  const { url } = await back;
  frame.remove();
  return url;
}

const exchangeWith = async (env: Env, extra: Record<string, string>) => {
  const client = env.client({ authorizationParams: { audience: env.facts.apis.default } });
  const subject_token = (await env.control('mintLegacyToken', { sub: env.facts.users.alice.email })) as string;
  const result: any = await client.exchangeToken({ subject_token, subject_token_type: env.facts.tokenExchange.subjectTokenType, ...extra });
  const { decodedToken: _d, ...rest } = result;
  return rest;
};

describe('parity: seed examples', function () {
  this.timeout(60_000);

  it('custom token exchange: loginWithCustomTokenExchange with an extra parameter', async () => {
    await parity(async (env) => {
      const client = env.client({ authorizationParams: { audience: env.facts.apis.default } });
      const subject_token = await env.control('mintLegacyToken', { sub: env.facts.users.alice.email });
      const result = await client.loginWithCustomTokenExchange({
        subject_token: subject_token as string,
        subject_token_type: env.facts.tokenExchange.subjectTokenType,
        scope: 'openid profile email read:messages',
        device_id: 'kiosk-7',
      } as any);
      // Open difference: the SDK's answer also has its untyped `decodedToken` (its decoder's
      // internals); every other field, `issued_token_type` included, is compared.
      const { decodedToken: _d, ...rest } = result as any;
      expect(rest.issued_token_type, 'the RFC 8693 issued_token_type').to.be.a('string');
      return rest;
    });
  });

  it('createFetcher() without dpopNonceId: fetchWithAuth with a Bearer token', async () => {
    await parity(async (env) => {
      const client = env.client();
      await env.popupLogin(client);
      await env.control('resetRequests');
      const response = await client.createFetcher().fetchWithAuth(`${env.facts.domain}/userinfo`);
      return { status: response.status, body: await response.json() };
    });
  });

  it("createFetcher({getAccessToken}) resolving undefined: GenericError missing_access_token, no request", async () => {
    await parity(async (env) => {
      const client = env.client();
      await env.popupLogin(client);
      await env.control('resetRequests');
      await client.createFetcher({ getAccessToken: async () => undefined as any }).fetchWithAuth(`${env.facts.domain}/userinfo`);
      return 'fetched';
    });
  });

  it('a custom cache without allKeys: the key manifest', async () => {
    await parity(async (env) => {
      const entries = new Map<string, unknown>();
      const cache = {
        get: (key: string) => entries.get(key) as any,
        set: (key: string, value: unknown) => void entries.set(key, value),
        remove: (key: string) => void entries.delete(key),
      };
      const client = env.client({ cache });
      await env.popupLogin(client);
      return [...entries.keys()].sort();
    });
  });

  it('refresh token fallback: a reload in memory mode (no refresh token) gets its token from the tenant session', async () => {
    await parity(async (env) => {
      const options = { useRefreshTokens: true, useRefreshTokensFallback: true };
      await env.popupLogin(env.client(options));
      await env.control('resetRequests');
      return env.client(options).getTokenSilently({ detailedResponse: true });
    });
  });

  it('refresh token fallback off: the same reload fails with MissingRefreshTokenError', async () => {
    await parity(async (env) => {
      await env.popupLogin(env.client({ useRefreshTokens: true }));
      await env.control('resetRequests');
      return env.client({ useRefreshTokens: true }).getTokenSilently();
    });
  });

  it("the seed's sessionStorageCache (with allKeys), and cache + cacheLocation: the cache wins", async () => {
    await parity(async (env) => {
      const client = env.client({ cache: sessionStorageCache, cacheLocation: 'localstorage' });
      await env.popupLogin(client);
      return client.getTokenSilently({ detailedResponse: true });
    });
  });

  it('organizations: the client option, a popup login to it', async () => {
    await parity(async (env) => {
      const client = env.client({ authorizationParams: { organization: env.facts.organizations.acme.id } });
      await env.popupLogin(client);
      return client.getIdTokenClaims().then((claims) => ({ org_id: claims?.org_id }));
    });
  });

  it('organizations: per login (loginWithRedirect), then switching (logout openUrl false, login to the other)', async () => {
    await parity(async (env) => {
      const client = env.client();
      await env.redirectLogin(client, 'alice', { authorizationParams: { organization: env.facts.organizations.acme.name } }).then((url) => client.handleRedirectCallback(url));
      const first = (await client.getIdTokenClaims())?.org_id;
      await client.logout({ openUrl: false });
      // The tenant session answers: no credentials asked for again.
      await client.handleRedirectCallback(await ssoRedirect(env, client, env.facts.organizations.globex.id));
      return { first, second: (await client.getIdTokenClaims())?.org_id };
    });
  });

  it('accepting an invitation: loginWithRedirect with invitation and organization from the invitation URL', async () => {
    await parity(async (env) => {
      const client = env.client();
      const params = new URLSearchParams(new URL('https://app.example.com/login?invitation=inv_abc123&organization=org_acme0000000001').search);
      let url = '';
      await client.loginWithRedirect({
        authorizationParams: { invitation: params.get('invitation')!, organization: params.get('organization')! },
        openUrl: (u) => void (url = u),
      });
      const sent = new URL(url).searchParams;
      return { invitation: sent.get('invitation'), organization: sent.get('organization') };
    });
  });

  it('exchangeToken: option 2 (another audience and scope) and option 3 (an organization)', async () => {
    await parity((env) => exchangeWith(env, { audience: env.facts.apis.analytics, scope: 'openid profile read:analytics' }));
    await parity((env) => exchangeWith(env, { organization: env.facts.organizations.acme.id, scope: 'openid profile email' }));
  });

  it('exchangeToken error handling: an invalid subject token (error.error from the tenant)', async () => {
    await parity(async (env) => {
      const client = env.client();
      return client.exchangeToken({ subject_token: 'not-a-legacy-token', subject_token_type: env.facts.tokenExchange.subjectTokenType });
    });
  });

  it('DPoP: useDpop login, a DPoP token_type, fetchWithAuth with a dpopNonceId, the low-level nonce and proof calls', async () => {
    await parity(async (env) => {
      const client = env.client({ useDpop: true });
      await env.popupLogin(client);
      const token = await client.getTokenSilently({ detailedResponse: true });
      const fetcher = client.createFetcher({ dpopNonceId: 'my_api_request' });
      const response = await fetcher.fetchWithAuth(`${env.facts.domain}/userinfo`, { method: 'GET', headers: { 'x-client': 'My Client 1.0' } });
      const proof = await client.generateDpopProof({ url: `${env.facts.domain}/userinfo`, method: 'GET', accessToken: token!.access_token, nonce: await client.getDpopNonce('my_api_request') });
      await client.setDpopNonce('n-1', 'my_api_request');
      return { token_type: token!.token_type, status: response.status, proof: proof.split('.').length, nonce: await client.getDpopNonce('my_api_request') };
    });
  });

  it('fetcher, advanced usage: a custom fetch returning {status, headers, data} (the axios example), a POST body', async () => {
    await parity(async (env) => {
      const client = env.client();
      await env.popupLogin(client);
      const fetcher = client.createFetcher({
        fetch: async (request: Request) => {
          const answer = await fetch(request.url, { method: request.method, body: await request.text(), headers: Object.fromEntries(request.headers) });
          return { status: answer.status, headers: Object.fromEntries(answer.headers), data: await answer.json() };
        },
      });
      const response = await fetcher.fetchWithAuth(`${env.facts.domain}/userinfo`, {
        method: 'POST',
        body: new URLSearchParams({ name: 'John Doe' }),
        headers: { 'x-client': 'My Client 1.0' },
      });
      return { status: response.status, data: response.data };
    });
  });

  it('fetcher: timeouts with AbortSignal.timeout (per call, and in a fetch wrapper), a baseUrl', async () => {
    await parity(async (env) => {
      const client = env.client();
      await env.popupLogin(client);
      const a = await client.createFetcher().fetchWithAuth(`${env.facts.domain}/userinfo`, { signal: AbortSignal.timeout(5000) });
      const b = await client.createFetcher({ fetch: (request) => fetch(request, { signal: AbortSignal.timeout(5000) }) }).fetchWithAuth(`${env.facts.domain}/userinfo`);
      const c = await client.createFetcher({ baseUrl: env.facts.domain }).fetchWithAuth('/userinfo');
      return [a.status, b.status, c.status];
    });
  });

  it('fetcher: passing an access token (getAccessToken with getTokenSilently, detailedResponse: true, as written)', async () => {
    await parity(async (env) => {
      const client = env.client();
      await env.popupLogin(client);
      const fetcher = client.createFetcher({
        getAccessToken: () => client.getTokenSilently({ authorizationParams: { audience: env.facts.apis.default, scope: 'read:messages' } }),
        detailedResponse: true,
      } as any);
      const response = await fetcher.fetchWithAuth(`${env.facts.domain}/userinfo`);
      return response.status;
    });
  });

  it('connected accounts: the seed configuration, login with the API audience and scope, connectAccountWithRedirect', async () => {
    await parity(async (env) => {
      const client = env.client({ useRefreshTokens: true, useMrrt: true, useDpop: true, authorizationParams: { redirect_uri: env.callbackUrl } });
      const back = await env.redirectLogin(client, 'alice', { authorizationParams: { audience: env.facts.apis.default, scope: 'openid profile email read:messages' } });
      const query = new URLSearchParams(new URL(back).search);
      if ((query.has('code') || query.has('error')) && query.has('state')) await client.handleRedirectCallback(back);
      let consent = '';
      // As the seed writes it (`authorizationParams`; the SDK's typings name it `authorization_params`).
      await client.connectAccountWithRedirect({
        connection: 'google-oauth2',
        scopes: ['https://www.googleapis.com/auth/calendar.readonly'],
        authorizationParams: {},
        openUrl: async (url: string) => void (consent = url),
      } as any);
      const url = new URL(consent);
      return { origin: url.origin === location.origin ? 'app' : 'provider', ticket: url.searchParams.has('ticket'), user: await client.getUser() };
    });
  });
});
