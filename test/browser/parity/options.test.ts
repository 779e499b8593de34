// Options as the SDK reads them: loose values it accepts, defaults for 0, and what it refuses.
import { expect } from '@open-wc/testing';
import { parity } from './harness.js';

describe('parity: options', function () {
  this.timeout(60_000);

  it('string booleans and numbers (useRefreshTokens: "true", httpTimeoutInSeconds: "5") and sessionCheckExpiryDays: 0', async () => {
    const { sdk } = await parity(async (env) => {
      const client = env.client({ useRefreshTokens: 'true' as any, cacheLocation: 'localstorage', httpTimeoutInSeconds: '5' as any, sessionCheckExpiryDays: 0 });
      await env.popupLogin(client);
      return client.getTokenSilently({ cacheMode: 'off', detailedResponse: true });
    });
    expect(sdk.requests.find((r) => r.path === '/authorize')?.params.scope).to.include('offline_access');
    expect(sdk.cookies.map((c) => c.days)).to.deep.equal([1, 1]);
  });

  it('legacySameSiteCookie: false writes no _legacy_ cookie; cookieDomain is used', async () => {
    await parity(async (env) => {
      const client = env.client({ legacySameSiteCookie: false, cookieDomain: '127.0.0.1' });
      await env.popupLogin(client);
      return 'done';
    });
  });

  it('auth0Client (a wrapper naming itself): sent on /authorize and /v2/logout', async () => {
    const { sdk, ours } = await parity(async (env) => {
      const client = env.client({ auth0Client: { name: 'auth0-react', version: '2.4.0' } });
      let url = '';
      await client.loginWithRedirect({ openUrl: (u) => void (url = u) });
      let logout = '';
      await client.logout({ openUrl: (u) => void (logout = u) });
      return [url, logout].map((u) => JSON.parse(atob(new URL(u).searchParams.get('auth0Client')!)));
    });
    expect(sdk.result).to.deep.equal([{ name: 'auth0-react', version: '2.4.0' }, { name: 'auth0-react', version: '2.4.0' }]);
    expect(ours.result).to.deep.equal(sdk.result);
  });

  it('onRedirect (deprecated name of openUrl) opens the URL of loginWithRedirect and logout', async () => {
    const { sdk } = await parity(async (env) => {
      const client = env.client();
      const opened: string[] = [];
      const onRedirect = async (url: string) => void opened.push(new URL(url).pathname);
      await client.loginWithRedirect({ onRedirect } as any);
      await client.logout({ onRedirect } as any);
      return opened;
    });
    expect(sdk.result).to.deep.equal(['/authorize', '/v2/logout']);
  });

  // README table: a wrong option is a TypeError naming it, where the SDK throws a plain Error or
  // its InvalidConfigurationError (or takes it and fails later).
  for (const [label, options, sdkClass] of [
    ['cacheLocation: "cookies"', { cacheLocation: 'cookies' }, 'Error'],
    ['refreshTokenMode: "online" without DPoP', { refreshTokenMode: 'online', useRefreshTokens: true }, 'InvalidConfigurationError'],
    ['refreshTokenMode: "online" without refresh tokens', { refreshTokenMode: 'online', useDpop: true }, 'InvalidConfigurationError'],
  ] as const) {
    it(`${label}: refused at construction (ours a TypeError naming the option)`, async () => {
      await parity(async (env) => env.client(options as any), {
        deliberate(sdk, ours) {
          expect(sdk.error?.class).to.equal(sdkClass);
          expect(ours.error?.class).to.equal('TypeError');
          expect(ours.error?.message).to.include(`\`${Object.keys(options)[0]}\``);
          ours.error = sdk.error;
        },
      });
    });
  }
});
