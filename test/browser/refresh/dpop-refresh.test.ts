import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { cleanSlate, facts, jwtPayload, newClient, popupLogin, refreshGrants } from './helpers.js';

const part = (jwt: string, index: 0 | 1) => JSON.parse(atob(jwt.split('.')[index].replace(/-/g, '+').replace(/_/g, '/')));

for (const cacheLocation of ['memory', 'localstorage'] as const) {
  describe(`refresh grants with useDpop (${cacheLocation}${cacheLocation === 'memory' ? ': through the worker' : ''})`, () => {
    beforeEach(async () => {
      await cleanSlate();
      await tenant.control('resetRequests');
    });
    afterEach(() => tenant.control('requireDpopNonce', false));

    it('carry a DPoP proof made on the page, so the DPoP-bound refresh token works', async () => {
      const { domain, apis } = await facts();
      const client = await newClient({ useDpop: true, useRefreshTokens: true, cacheLocation, authorizationParams: { audience: apis.default } });
      await popupLogin(client);
      await tenant.control('resetRequests');
      const detailed = await client.getTokenSilently({ cacheMode: 'off', detailedResponse: true });
      expect(detailed.token_type).to.equal('DPoP');
      expect(jwtPayload(detailed.access_token).cnf?.jkt).to.be.a('string');
      const [grant] = await refreshGrants();
      expect(grant.status).to.equal(200);
      expect(part(grant.dpop!, 0).typ).to.equal('dpop+jwt');
      expect(part(grant.dpop!, 1)).to.include({ htm: 'POST', htu: `${domain}/oauth/token` });
      await client.logout({ openUrl: false });
    });

    it('retry once with the nonce the tenant sent back (use_dpop_nonce), which reaches the page', async () => {
      const client = await newClient({ useDpop: true, useRefreshTokens: true, cacheLocation });
      await popupLogin(client);
      await tenant.control('requireDpopNonce', true);
      await tenant.control('rotateDpopNonce');
      await tenant.control('resetRequests');
      expect(await client.getTokenSilently({ cacheMode: 'off' })).to.be.a('string');
      const grants = await refreshGrants();
      expect(grants.map((g) => g.status)).to.deep.equal([400, 200]);
      const nonce = part(grants[1].dpop!, 1).nonce;
      expect(nonce).to.be.a('string');
      expect(await client.getDpopNonce()).to.be.a('string');
      await client.logout({ openUrl: false });
    });
  });
}
