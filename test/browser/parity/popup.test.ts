// loginWithPopup's config as the SDK reads it: `closePopup` (default true) and a popup of the app's own.
import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { parity } from './harness.js';

describe('parity: loginWithPopup config', function () {
  this.timeout(60_000);

  for (const closePopup of [undefined, true, false]) {
    it(`closePopup: ${closePopup}: the app's popup ${closePopup === false ? 'stays open' : 'is closed'} after the login`, async () => {
      const { sdk } = await parity(async (env) => {
        const client = env.client();
        const popup = env.win.open('', 'auth0:authorize:popup', 'left=100,top=100,width=400,height=600')!;
        try {
          const done = client.loginWithPopup({}, { popup, ...(closePopup === undefined ? {} : { closePopup }) });
          await tenant.login(env.facts.users.alice.username, env.facts.users.alice.password);
          await done;
          return { closed: popup.closed };
        } finally {
          popup.close();
        }
      });
      expect(sdk.result).to.deep.equal({ closed: closePopup !== false });
      expect(sdk.after).to.have.property('isAuthenticated', true);
    });
  }
});
