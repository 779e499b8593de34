// Transport as the SPA SDK's: a token request whose answer is lost (here: the tenant holds it
// past the deadline, a fault at its HTTP edge) is sent up to 3 times, and a refresh's
// `timeoutInSeconds` is each send's deadline (instead of httpTimeoutInSeconds).
import { expect } from '@open-wc/testing';
import { parity, type Env } from './harness.js';

async function refreshHanging(env: Env, cacheLocation: 'memory' | 'localstorage', hangs: number) {
  const client = env.client({ useRefreshTokens: true, cacheLocation });
  await env.popupLogin(client);
  await env.control('fault', 'token', 'hang', hangs);
  return client.getTokenSilently({ cacheMode: 'off', timeoutInSeconds: 1, detailedResponse: true });
}

const refreshStatuses = (requests: Array<{ path: string; params: Record<string, string>; status: number }>) =>
  requests.filter((r) => r.path === '/oauth/token' && r.params.grant_type === 'refresh_token').map((r) => r.status);

describe('parity: transport', function () {
  this.timeout(60_000);

  for (const cacheLocation of ['memory', 'localstorage'] as const) {
    it(`a refresh held past timeoutInSeconds: 1 twice gets its token on the third send (${cacheLocation})`, async () => {
      const { sdk } = await parity((env) => refreshHanging(env, cacheLocation, 2));
      expect(refreshStatuses(sdk.requests)).to.deep.equal([0, 0, 200]);
    });

    // README table: the error of a request whose answer never came is typed.
    it(`held on all 3 sends: fails after the third, the session stays (${cacheLocation})`, async () => {
      const { sdk } = await parity((env) => refreshHanging(env, cacheLocation, 3), {
        deliberate(sdk, ours) {
          // The SDK's: no error code — a plain Error from its worker (memory), the fetch's AbortError (localstorage).
          expect(sdk.error).to.deep.include(cacheLocation === 'memory' ? { class: 'Error', message: "Timeout when executing 'fetch'" } : { class: 'DOMException' });
          expect(sdk.error!.error).to.equal(undefined);
          expect(ours.error).to.deep.include({ class: 'TimeoutError', error: 'timeout', error_description: 'Timeout' });
          ours.error = sdk.error;
        },
      });
      expect(refreshStatuses(sdk.requests)).to.deep.equal([0, 0, 0]);
      expect(sdk.after).to.have.property('isAuthenticated', true);
    });
  }
});
