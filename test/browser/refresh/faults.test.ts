import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { GenericError, TimeoutError } from '../../../src/index.js';
import { cleanSlate, failure, localStorageEntries, newClient, popupLogin, refreshGrants } from './helpers.js';

const storedRefreshToken = async () => [...(await localStorageEntries()).values()].map((e) => e.body?.refresh_token).find(Boolean);

for (const cacheLocation of ['memory', 'localstorage'] as const) {
  describe(`refresh failures at the network edge (${cacheLocation})`, () => {
    beforeEach(cleanSlate);
    afterEach(() => tenant.control('clearFaults'));

    async function loggedIn() {
      const client = await newClient({ useRefreshTokens: true, cacheLocation, httpTimeoutInSeconds: 2 });
      await popupLogin(client);
      await tenant.control('resetRequests');
      return client;
    }

    it('a 500 → GenericError server_error; the refresh token is kept and works next time', async () => {
      const client = await loggedIn();
      const before = await storedRefreshToken();
      await tenant.control('fault', 'token', '500');
      const error = await failure(client.getTokenSilently({ cacheMode: 'off' }));
      expect(error).to.be.instanceOf(GenericError);
      expect(error.error).to.equal('server_error');
      expect(await storedRefreshToken()).to.equal(before);
      expect(client.state.status).to.equal('authenticated');
      expect(await client.getTokenSilently({ cacheMode: 'off' })).to.be.a('string');
      expect((await refreshGrants()).map((g) => g.status)).to.deep.equal([500, 200]);
    });

    it('a dropped connection → GenericError network_error; a later call succeeds', async () => {
      const client = await loggedIn();
      // Chromium retries once on a dropped reused connection: fail every attempt (3 sends).
      await tenant.control('fault', 'token', 'network', 9);
      const error = await failure(client.getTokenSilently({ cacheMode: 'off' }));
      expect(error).to.be.instanceOf(GenericError);
      expect(error.error).to.equal('network_error');
      await tenant.control('clearFaults');
      expect(await client.getTokenSilently({ cacheMode: 'off' })).to.be.a('string');
      expect((await refreshGrants()).filter((g) => g.status === 200)).to.have.length(1);
      expect((await refreshGrants()).filter((g) => g.status === 400)).to.deep.equal([]);
    });

    it('a hang past httpTimeoutInSeconds, 3 times (a lost refresh is sent 3 times, as the SPA SDK) → TimeoutError; a later call succeeds', async () => {
      const client = await loggedIn();
      await tenant.control('fault', 'token', 'hang', 3);
      const error = await failure(client.getTokenSilently({ cacheMode: 'off' }));
      expect(error).to.be.instanceOf(TimeoutError);
      expect(error.error).to.equal('timeout');
      expect(await client.getTokenSilently({ cacheMode: 'off' })).to.be.a('string');
    });
  });
}
