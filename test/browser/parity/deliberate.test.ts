// The rows of the README's "Where we differ from the SPA SDK, on purpose" that need a scenario of
// their own; each asserts that ours does what the row says and that everything else is equal.
// (Rows held elsewhere: the JWKS request, the Auth0-Client header and the refresh revision key in
// every scenario (harness.ts); a dead refresh token (refresh.test.ts); a callback URL without a
// query (callback.test.ts); wrong options (options.test.ts); MyAccountApiError (surface.test.ts).)
import { expect } from '@open-wc/testing';
import { parity } from './harness.js';

const pause = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('parity: deliberate differences', function () {
  this.timeout(60_000);

  it("another tab's logout reaches this tab (its memory cache forgets the user)", async () => {
    await parity(
      async (env) => {
        const here = env.client();
        await env.popupLogin(here);
        const other = await env.otherTab();
        const there = new other.Auth0Client({ domain: env.facts.domain, clientId: env.facts.clientId });
        await there.getTokenSilently();
        const before = await there.isAuthenticated();
        await here.logout({ openUrl: false });
        // The message crosses tabs asynchronously: wait (bounded) until it has arrived, if it ever does.
        for (const deadline = Date.now() + 3000; (await there.isAuthenticated()) && Date.now() < deadline; ) await pause();
        return { before, after: await there.isAuthenticated(), user: await there.getUser() };
      },
      {
        deliberate(sdk, ours) {
          expect(sdk.result).to.deep.include({ before: true, after: true });
          expect(ours.result).to.deep.equal({ before: true, after: false, user: '<undefined>' });
          ours.result = sdk.result;
        },
      },
    );
  });

  it('an ID token with a bad signature is refused (the SDK does not check signatures)', async () => {
    await parity(
      async (env) => {
        const client = env.client();
        await env.control('tamperIdToken', 'bad-signature');
        await env.popupLogin(client);
        return 'logged in';
      },
      {
        deliberate(sdk, ours) {
          expect(sdk.result).to.equal('logged in');
          expect(sdk.after).to.have.property('isAuthenticated', true);
          expect(ours.error).to.include({ class: 'GenericError' });
          expect(String(ours.error!.error)).to.match(/^id_token/);
          expect(ours.after).to.deep.equal({ isAuthenticated: false, user: '<undefined>' });
          expect(ours.cookies).to.deep.equal([]);
          for (const key of ['result', 'error', 'after', 'cookies'] as const) (ours as any)[key] = sdk[key];
        },
      },
    );
  });
});
