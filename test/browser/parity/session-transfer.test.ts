// sessionTransferTokenQueryParamName (Native-to-Web SSO): the token the native app put in the page
// URL goes to /authorize as session_transfer_token and leaves the address bar, as the SDK does.
import { expect } from '@open-wc/testing';
import { parity, type Env } from './harness.js';

/** Puts `?<name>=<token>` (and another parameter) into the side's page URL, as the native app's link does. */
function arriveWith(env: Env, query: string): void {
  const url = new URL(env.win.location.href);
  for (const [key, value] of new URLSearchParams(query)) url.searchParams.set(key, value);
  url.hash = 'section';
  env.win.history.replaceState({ app: 1 }, '', url);
}

/** What is left of the page URL the test added (the side's own `lib` parameter differs by nature). */
function pageLeft(env: Env) {
  const url = new URL(env.win.location.href);
  url.searchParams.delete('lib');
  return { search: url.search, hash: url.hash, state: env.win.history.state };
}

const sentToken = (url: string) => new URL(url).searchParams.get('session_transfer_token');

describe('parity: sessionTransferTokenQueryParamName', function () {
  this.timeout(60_000);

  it('loginWithRedirect: sent as session_transfer_token, removed from the URL, not sent again', async () => {
    const { sdk } = await parity(async (env) => {
      arriveWith(env, 'stt=native-to-web-123&keep=1');
      const client = env.client({ sessionTransferTokenQueryParamName: 'stt' });
      const urls: string[] = [];
      await client.loginWithRedirect({ openUrl: (url) => void urls.push(url) });
      const after = pageLeft(env);
      await client.loginWithRedirect({ openUrl: (url) => void urls.push(url) });
      return { sent: urls.map(sentToken), after };
    });
    expect(sdk.result).to.deep.equal({ sent: ['native-to-web-123', null], after: { search: '?keep=1', hash: '#section', state: {} } });
  });

  it('loginWithPopup: sent on the popup /authorize, removed from the URL', async () => {
    const { sdk } = await parity(async (env) => {
      arriveWith(env, 'session_transfer_token=native-to-web-456');
      const client = env.client({ sessionTransferTokenQueryParamName: 'session_transfer_token' });
      await env.popupLogin(client);
      return pageLeft(env);
    });
    expect(sdk.requests.find((r) => r.path === '/authorize')?.params).to.have.property('session_transfer_token', 'native-to-web-456');
  });

  it("a call's own session_transfer_token wins; the URL's stays where it is", async () => {
    const { sdk } = await parity(async (env) => {
      arriveWith(env, 'stt=from-url');
      const client = env.client({ sessionTransferTokenQueryParamName: 'stt' });
      let url = '';
      await client.loginWithRedirect({ authorizationParams: { session_transfer_token: 'from-call' }, openUrl: (u) => void (url = u) });
      return { sent: sentToken(url), after: pageLeft(env) };
    });
    expect(sdk.result).to.deep.include({ sent: 'from-call' });
  });

  it('without the option: the parameter is neither sent nor removed', async () => {
    const { sdk } = await parity(async (env) => {
      arriveWith(env, 'stt=ignored');
      const client = env.client();
      let url = '';
      await client.loginWithRedirect({ openUrl: (u) => void (url = u) });
      return { sent: sentToken(url), after: pageLeft(env) };
    });
    expect(sdk.result).to.deep.include({ sent: null });
  });
});
