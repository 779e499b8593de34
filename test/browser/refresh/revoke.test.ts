import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { GenericError, MissingRefreshTokenError } from '../../../src/index.js';
import { cleanSlate, facts, failure, localStorageEntries, newClient, popupLogin, tokenRequests } from './helpers.js';

const revokeRequests = () => tenant.control<any[]>('requests', { method: 'POST', path: '/oauth/revoke' });
const storedRefreshTokens = async () => [...(await localStorageEntries()).values()].map((e) => e.body?.refresh_token).filter(Boolean);

async function refreshDirectly(refresh_token: string) {
  const { domain, clientId } = await facts();
  const response = await fetch(`${domain}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, refresh_token }),
  });
  return response.json();
}

describe('revokeRefreshToken', () => {
  beforeEach(async () => {
    await cleanSlate();
    await tenant.control('resetRequests');
  });
  afterEach(() => tenant.control('clearFaults'));

  it('localstorage: revokes at /oauth/revoke, then removes the token from the cache; the access token stays', async () => {
    const client = await newClient({ useRefreshTokens: true, cacheLocation: 'localstorage' });
    await popupLogin(client);
    const [token] = await storedRefreshTokens();
    const access = await client.getTokenSilently();
    await client.revokeRefreshToken();
    expect((await revokeRequests()).map((r) => r.status)).to.deep.equal([200]);
    expect(await storedRefreshTokens()).to.deep.equal([]);
    expect(await client.getTokenSilently(), 'the access token is still cached').to.equal(access);
    await tenant.control('resetRequests');
    expect(await failure(client.getTokenSilently({ cacheMode: 'off' }))).to.be.instanceOf(MissingRefreshTokenError);
    expect(await tokenRequests()).to.deep.equal([]);
    expect((await refreshDirectly(token)).error, 'dead at the tenant').to.equal('invalid_grant');
  });

  it('memory mode: the worker revokes its token for the audience and forgets it', async () => {
    const { apis } = await facts();
    const client = await newClient({ useRefreshTokens: true, authorizationParams: { audience: apis.default } });
    await popupLogin(client);
    await client.revokeRefreshToken({ audience: apis.default });
    expect((await revokeRequests()).map((r) => r.status)).to.deep.equal([200]);
    expect(await failure(client.getTokenSilently({ cacheMode: 'off' }))).to.be.instanceOf(MissingRefreshTokenError);
  });

  it('an audience without a refresh token: nothing to revoke, no request', async () => {
    const { apis } = await facts();
    const client = await newClient({ useRefreshTokens: true, cacheLocation: 'localstorage' });
    await popupLogin(client);
    await client.revokeRefreshToken({ audience: apis.analytics });
    expect(await revokeRequests()).to.deep.equal([]);
    expect(await storedRefreshTokens()).to.have.length(1);
  });

  for (const cacheLocation of ['memory', 'localstorage'] as const) {
    it(`a failed revocation → GenericError with the tenant’s code; the token is kept (${cacheLocation})`, async () => {
      const client = await newClient({ useRefreshTokens: true, cacheLocation });
      await popupLogin(client);
      await tenant.control('fault', 'revoke', '500');
      const error = await failure(client.revokeRefreshToken());
      expect(error).to.be.instanceOf(GenericError);
      expect(error.error).to.equal('server_error');
      expect(await client.getTokenSilently({ cacheMode: 'off' })).to.be.a('string');
    });
  }
});
