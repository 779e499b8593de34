// useDpop in a browser without IndexedDB (old private modes, blocked storage): the start resolves
// on both; the first call that needs the key fails — ours with a typed error (README table).
import { expect } from '@open-wc/testing';
import { parity, type Env } from './harness.js';

/** No `indexedDB` in the side's realm, before the client is made (both SDKs read it on use). */
const withoutIndexedDb = (env: Env) => Object.defineProperty(env.win, 'indexedDB', { value: undefined, configurable: true });

describe('parity: useDpop without IndexedDB', function () {
  this.timeout(60_000);

  it('createAuth0Client resolves; loginWithRedirect fails before leaving (ours GenericError dpop_unavailable, the SDK a TypeError)', async () => {
    await parity(
      async (env) => {
        withoutIndexedDb(env);
        const client = await env.create({ useDpop: true }).catch((e) => {
          throw new Error(`createAuth0Client rejected: ${e?.error ?? e?.message}`);
        });
        let opened = false;
        await client.loginWithRedirect({ openUrl: () => void (opened = true) }).finally(() => expect(opened, 'no redirect').to.equal(false));
        return 'redirected';
      },
      {
        deliberate(sdk, ours) {
          expect(sdk.error).to.deep.include({ class: 'TypeError', error: undefined });
          expect(ours.error).to.deep.include({ class: 'GenericError', error: 'dpop_unavailable' });
          expect(ours.error!.message).to.match(/IndexedDB is unavailable/);
          ours.error = sdk.error;
        },
      },
    );
  });

  it('a popup login fails the same way', async () => {
    await parity(
      async (env) => {
        withoutIndexedDb(env);
        const client = env.client({ useDpop: true });
        const popup = env.win.open('', 'auth0:authorize:popup', 'width=400,height=600')!;
        try {
          await client.loginWithPopup({}, { popup });
          return 'logged in';
        } finally {
          popup.close();
        }
      },
      {
        deliberate(sdk, ours) {
          expect(sdk.error).to.deep.include({ class: 'TypeError' });
          expect(ours.error).to.deep.include({ class: 'GenericError', error: 'dpop_unavailable' });
          ours.error = sdk.error;
        },
      },
    );
  });
});
