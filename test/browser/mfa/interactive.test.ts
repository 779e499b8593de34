// interactiveErrorHandler: 'popup' on both SDKs: a getTokenSilently for the step-up API that the
// tenant refuses with mfa_required opens the tenant's login page in a popup, which asks for the
// second factor (Universal Login's MFA step); the call then resolves with the token (amr mfa).
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { parity } from '../parity/harness.js';
import { mfaFacts, totp } from './support.js';

const { secure, carol } = await mfaFacts();
const secret = carol.find((a) => a.type === 'otp')!.secret!;

describe('parity: interactiveErrorHandler popup', function () {
  this.timeout(90_000);

  it('mfa_required on a refresh: the popup\'s MFA step with the app\'s code, then the token', async () => {
    const { sdk } = await parity(async (env) => {
      await env.control('resetMfa');
      const client = env.client({ useRefreshTokens: true, useMrrt: true, cacheLocation: 'localstorage', interactiveErrorHandler: 'popup' });
      await env.popupLogin(client, 'carol' as any);
      const pending = client.getTokenSilently({ authorizationParams: { audience: secure }, detailedResponse: true });
      await executeServerCommand('tenant-mfa', { code: totp(secret) });
      const token = (await pending)!;
      const claims = JSON.parse(atob(token.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      return { token, amr: claims.amr, again: (await client.getTokenSilently({ authorizationParams: { audience: secure } })) === token.access_token };
    });
    expect((sdk.result as any).amr).to.deep.equal(['mfa']);
    expect((sdk.result as any).again).to.equal(true);
    expect(sdk.requests.filter((r) => r.path === '/oauth/token').map((r) => r.status)).to.deep.equal([200, 403, 200]);
  });

  it('without the handler the same call rejects with MfaRequiredError and opens nothing', async () => {
    await parity(async (env) => {
      await env.control('resetMfa');
      const client = env.client({ useRefreshTokens: true, useMrrt: true, cacheLocation: 'localstorage' });
      await env.popupLogin(client, 'carol' as any);
      return client.getTokenSilently({ authorizationParams: { audience: secure } });
    });
  });
});
