// refreshTokenMode: 'online' (#17): `online_access` refresh tokens — DPoP-bound, bound to the tenant
// session, never rotated — on both SDKs against the tenant, which issues them only to DPoP-bound
// requests and refuses them once the session has ended.
import { expect } from '@open-wc/testing';
import { nextMessage, parity, type Env, type Observation } from './harness.js';

const ONLINE = { useRefreshTokens: true, useDpop: true, refreshTokenMode: 'online' } as const;

/** The refresh token stored in localStorage (localstorage mode), if any. */
function storedRefreshToken(): string | undefined {
  for (const key of Object.keys(localStorage)) {
    if (!key.startsWith('@@auth0spajs@@')) continue;
    const token = JSON.parse(localStorage.getItem(key)!)?.body?.refresh_token;
    if (token) return token;
  }
  return undefined;
}

/** The user logs out of the tenant elsewhere (another app of the same tenant): `/v2/logout` in a frame. */
async function tenantLogout(env: Env): Promise<void> {
  const frame = env.win.document.createElement('iframe');
  env.win.document.body.append(frame);
  const back = nextMessage(env.win, 'parity-callback');
  frame.src = `${env.facts.domain}/v2/logout?${new URLSearchParams({ client_id: env.facts.clientId, returnTo: env.callbackUrl })}`;
  await back;
  frame.remove();
}

const refreshes = (o: Observation) => o.requests.filter((r) => r.path === '/oauth/token' && r.params.grant_type === 'refresh_token');

describe('parity: refreshTokenMode online', function () {
  this.timeout(60_000);

  for (const cacheLocation of ['localstorage', 'memory'] as const) {
    it(`${cacheLocation}: online_access asked for; refreshes DPoP-bound, the refresh token never rotated`, async () => {
      const { sdk, ours } = await parity(async (env) => {
        const client = env.client({ ...ONLINE, cacheLocation });
        await env.popupLogin(client);
        const first = storedRefreshToken();
        await client.getTokenSilently({ cacheMode: 'off' });
        const second = await client.getTokenSilently({ cacheMode: 'off', detailedResponse: true });
        return { stored: first !== undefined, rotated: first !== storedRefreshToken(), token_type: second!.token_type };
      });
      expect(sdk.result).to.deep.equal({ stored: cacheLocation === 'localstorage', rotated: false, token_type: 'DPoP' });
      expect(sdk.requests.find((r) => r.path === '/authorize')!.params.scope.split(' ')).to.include('online_access').and.not.include('offline_access');
      expect(refreshes(sdk).map((r) => [r.status, r.dpop])).to.deep.equal([[200, true], [200, true]]);
      if (cacheLocation === 'memory') {
        // The refresh token is in the worker on both: nowhere a page script can read it.
        for (const o of [sdk, ours]) expect(JSON.stringify([o.localStorage, o.sessionStorage, o.cookies])).to.not.include('refresh_token');
      }
    });

    it(`${cacheLocation}: after a logout at the tenant the refresh is refused (invalid_grant); ours also ends the local session (README table)`, async () => {
      const { sdk } = await parity(
        async (env) => {
          const client = env.client({ ...ONLINE, cacheLocation });
          await env.popupLogin(client);
          await client.getTokenSilently({ cacheMode: 'off' });
          await tenantLogout(env);
          return client.getTokenSilently({ cacheMode: 'off' });
        },
        {
          deliberate(sdk, ours) {
            expect(sdk.after).to.have.property('isAuthenticated', true);
            expect(ours.after).to.deep.equal({ isAuthenticated: false, user: '<undefined>' });
            expect(ours.cookies, 'the hint cookies gone').to.deep.equal([]);
            ours.after = sdk.after;
            ours.cookies = sdk.cookies;
            ours.localStorage = sdk.localStorage;
          },
        },
      );
      expect(sdk.error).to.deep.include({ class: 'GenericError', error: 'invalid_grant' });
      expect(refreshes(sdk).map((r) => r.status)).to.deep.equal([200, 400]);
    });
  }

  it('revokeRefreshToken: the token revoked and the local session ended', async () => {
    const { sdk } = await parity(async (env) => {
      const client = env.client({ ...ONLINE, cacheLocation: 'localstorage' });
      await env.popupLogin(client);
      await client.revokeRefreshToken();
      return 'revoked';
    });
    expect(sdk.after).to.deep.equal({ isAuthenticated: false, user: '<undefined>' });
    expect(sdk.requests.map((r) => r.path)).to.include('/oauth/revoke');
  });

  it('revokeRefreshToken ended the tenant session too: the silent iframe (useRefreshTokensFallback) finds none (login_required)', async () => {
    const { sdk } = await parity(async (env) => {
      const client = env.client({ ...ONLINE, cacheLocation: 'localstorage', useRefreshTokensFallback: true });
      await env.popupLogin(client);
      await client.revokeRefreshToken();
      return client.getTokenSilently({ cacheMode: 'off' });
    });
    expect(sdk.error).to.deep.include({ class: 'GenericError', error: 'login_required' });
  });

  it('an offline refresh token (the default) survives the same tenant logout', async () => {
    const { sdk } = await parity(async (env) => {
      const client = env.client({ useRefreshTokens: true, useDpop: true, cacheLocation: 'localstorage' });
      await env.popupLogin(client);
      await tenantLogout(env);
      return client.getTokenSilently({ cacheMode: 'off', detailedResponse: true });
    });
    expect(refreshes(sdk).map((r) => r.status)).to.deep.equal([200]);
  });
});
