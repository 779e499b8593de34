// handleRedirectCallback on the URLs apps meet: errors, hash routers, nothing at all.
import { parity, type Env } from './harness.js';
import { expect } from '@open-wc/testing';

/** A redirect login started (transaction stored) but answered by `answer(state)` instead of the tenant. */
async function started(env: Env) {
  const client = env.client({ authorizationParams: { redirect_uri: env.callbackUrl } });
  let url = '';
  await client.loginWithRedirect({ appState: { a: 1 }, openUrl: (u) => void (url = u) });
  return { client, state: new URL(url).searchParams.get('state')! };
}

describe('parity: handleRedirectCallback', function () {
  this.timeout(60_000);

  it('?error=access_denied&error_description=…&state=: AuthenticationError with state and appState', async () => {
    await parity(async (env) => {
      const { client, state } = await started(env);
      return client.handleRedirectCallback(`${env.callbackUrl}?error=access_denied&error_description=User%20did%20not%20consent&state=${encodeURIComponent(state)}`);
    });
  });

  it('?error=… without state', async () => {
    await parity(async (env) => {
      const { client } = await started(env);
      return client.handleRedirectCallback(`${env.callbackUrl}?error=access_denied&error_description=nope`);
    });
  });

  it('no query at all: the same message; ours a GenericError missing_callback_params where the SDK throws a plain Error (README table)', async () => {
    await parity(
      async (env) => {
        const { client } = await started(env);
        return client.handleRedirectCallback(env.callbackUrl);
      },
      {
        deliberate(sdk, ours) {
          expect(sdk.error).to.include({ class: 'Error', message: 'There are no query params available for parsing.' });
          expect(ours.error).to.include({ class: 'GenericError', error: 'missing_callback_params', message: sdk.error!.message });
          ours.error = sdk.error;
        },
      },
    );
  });

  it('a wrong state', async () => {
    await parity(async (env) => {
      const { client } = await started(env);
      return client.handleRedirectCallback(`${env.callbackUrl}?code=abc&state=wrong`);
    });
  });

  it('no transaction stored (a replayed URL)', async () => {
    await parity(async (env) => env.client().handleRedirectCallback(`${env.callbackUrl}?code=abc&state=xyz`));
  });

  it('a hash router: the query after the hash (/#/callback?code=…&state=…)', async () => {
    await parity(async (env) => {
      const client = env.client({ cacheLocation: 'localstorage' });
      const back = new URL(await env.redirectLogin(client));
      return client.handleRedirectCallback(`${back.origin}${back.pathname}#/callback${back.search}`);
    });
  });

  it('an unknown code with the right state: the tenant error', async () => {
    await parity(async (env) => {
      const { client, state } = await started(env);
      return client.handleRedirectCallback(`${env.callbackUrl}?code=not-a-code&state=${encodeURIComponent(state)}`);
    });
  });
});
