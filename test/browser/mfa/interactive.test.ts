// interactiveErrorHandler: 'popup' on both SDKs: a getTokenSilently for the step-up API that the
// tenant refuses with mfa_required opens the tenant's login page in a popup, which asks for the
// second factor (Universal Login's MFA step); the call then resolves with the token (amr mfa). A
// user who closes that popup gets the SDK's PopupCancelledError and loses nothing.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { tenant } from '../../support/tenant.js';
import { parity } from '../parity/harness.js';
import { mfaFacts, totp } from './support.js';

const { secure, carol } = await mfaFacts();
const secret = carol.find((a) => a.type === 'otp')!.secret!;

/** How many pages of the tenant's login were served (GET /u/login/<uid>): with carol's session, a step-up's first one is the MFA step. */
const mfaPagesShown = async () => (await tenant.control<any[]>('requests')).filter((r) => r.method === 'GET' && r.path.startsWith('/u/login/') && r.status === 200).length;

/** Waits for `condition` (a poll of the tenant's log, never a guessed delay), failing after 15 s. */
async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (const deadline = Date.now() + 15_000; !(await condition()); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The class of the side's own module that `error` is an instance of (most derived). */
const classOf = (error: unknown, lib: object) =>
  Object.entries(lib).find(([, value]) => typeof value === 'function' && Object.getPrototypeOf(error) === value.prototype)?.[0];

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

  it('the user closes the popup at the MFA step: PopupCancelledError (cancelled), nothing lost — the session, its cached token, and a later step-up', async () => {
    const { sdk, ours } = await parity(async (env) => {
      await env.control('resetMfa');
      const client = env.client({ useRefreshTokens: true, useMrrt: true, cacheLocation: 'localstorage', interactiveErrorHandler: 'popup' });
      await env.popupLogin(client, 'carol' as any);
      const before = await client.getTokenSilently();
      // The popup the SDK opens (window.open of its own realm), closed as a person would close it.
      const popups: Window[] = [];
      const open = env.win.open;
      env.win.open = function (this: Window, ...args: Parameters<Window['open']>) {
        const popup = open.apply(this, args);
        if (popup) popups.push(popup);
        return popup;
      } as Window['open'];
      const shownBefore = await mfaPagesShown();
      const pending = client.getTokenSilently({ authorizationParams: { audience: secure } });
      const outcome = pending.then(() => 'resolved', (e) => e);
      await until(async () => (await mfaPagesShown()) > shownBefore, 'the tenant showed its MFA step in the popup');
      expect(popups).to.have.length(1);
      popups[0].close();
      const error = await outcome;
      env.win.open = open;
      const cached = await client.getTokenSilently({ cacheMode: 'cache-only' });
      // The step-up is still possible afterwards: the same call, the code this time.
      const again = client.getTokenSilently({ authorizationParams: { audience: secure } });
      await executeServerCommand('tenant-mfa', { code: totp(secret) });
      const stepped = (await again)!;
      return {
        error: error === 'resolved' ? error : { cancelled: error instanceof env.lib.PopupCancelledError, name: classOf(error, env.lib), error: error.error, message: error.message, popup: error.popup === popups[0] },
        authenticated: await client.isAuthenticated(),
        sameCachedToken: cached === before,
        steppedUpAmr: JSON.parse(atob(stepped.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).amr,
      };
    });
    expect(sdk.result).to.deep.equal({
      error: { cancelled: true, name: 'PopupCancelledError', error: 'cancelled', message: 'Popup closed', popup: true },
      authenticated: true,
      sameCachedToken: true,
      steppedUpAmr: ['mfa'],
    });
    expect(ours.result).to.deep.equal(sdk.result);
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
