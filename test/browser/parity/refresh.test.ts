// Refresh tokens on both SDKs: the grant's body, rotation into the cache, a dead refresh token.
import { expect } from '@open-wc/testing';
import { parity, type Env } from './harness.js';

const loggedIn = async (env: Env, options: Parameters<Env['client']>[0] = {}) => {
  const client = env.client({ useRefreshTokens: true, cacheLocation: 'localstorage', ...options });
  await env.popupLogin(client);
  await env.control('resetRequests');
  return client;
};

describe('parity: refresh tokens', function () {
  this.timeout(60_000);

  it('popup login with useRefreshTokens: offline_access asked for, the refresh token stored', async () => {
    await parity(async (env) => {
      const client = env.client({ useRefreshTokens: true, cacheLocation: 'localstorage' });
      await env.popupLogin(client);
      return 'done';
    });
  });

  it('getTokenSilently({cacheMode: "off"}): the refresh grant body (custom authorizationParams go along)', async () => {
    await parity(async (env) => {
      const client = await loggedIn(env, { authorizationParams: { custom_param: 'x', ui_locales: 'fr' } });
      return client.getTokenSilently({ cacheMode: 'off', detailedResponse: true });
    });
  });

  it('the refresh grant for another audience with useMrrt', async () => {
    await parity(async (env) => {
      const client = await loggedIn(env, { useMrrt: true });
      return client.getTokenSilently({ detailedResponse: true, authorizationParams: { audience: env.facts.apis.default, scope: 'read:messages' } });
    });
  });

  it('a refresh token the tenant no longer knows: the same invalid_grant; ours also ends the local session (README table)', async () => {
    const { sdk } = await parity(
      async (env) => {
        const client = await loggedIn(env);
        await env.control('endAllSessions');
        return client.getTokenSilently({ cacheMode: 'off' });
      },
      {
        deliberate(sdk, ours) {
          expect(sdk.after).to.have.property('isAuthenticated', true);
          expect(ours.after).to.deep.equal({ isAuthenticated: false, user: '<undefined>' });
          expect(ours.cookies, 'the hint cookies gone').to.deep.equal([]);
          expect(ours.localStorage, 'no token left').to.deep.equal({});
          ours.after = sdk.after;
          ours.cookies = sdk.cookies;
          ours.localStorage = sdk.localStorage;
        },
      },
    );
    expect(sdk.error?.error).to.equal('invalid_grant');
  });

  it('revokeRefreshToken: the revocation request and the stored entries after', async () => {
    await parity(async (env) => {
      const client = await loggedIn(env);
      await client.revokeRefreshToken();
      return 'done';
    });
  });

  it('the tenant failing with 500 on a refresh: the error', async () => {
    await parity(async (env) => {
      const client = await loggedIn(env);
      await env.control('fault', 'token', '500');
      return client.getTokenSilently({ cacheMode: 'off' });
    });
  });
});
