import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { createAuth0Client, GenericError, MissingRefreshTokenError, MissingScopesError, type Auth0Client } from '../../../src/index.js';
import { cleanSlate, facts, failure, jwtPayload, newClient, popupLogin, refreshGrants, tokenRequests } from './helpers.js';

const authorizeScope = async () => ((await tenant.control<any[]>('requests', { path: '/authorize' })).at(-1) ?? {}).scope as string;

for (const cacheLocation of ['memory', 'localstorage'] as const) {
  describe(`useMrrt: one refresh token, several APIs (${cacheLocation})`, () => {
    beforeEach(async () => {
      await cleanSlate();
      await tenant.control('resetRequests');
    });

    it('a refresh token from a login for API A gets a token for API B (refresh grant with audience and scope)', async () => {
      const { apis, users } = await facts();
      const client = await newClient({ useRefreshTokens: true, useMrrt: true, cacheLocation, authorizationParams: { audience: apis.default } });
      await popupLogin(client);
      await tenant.control('resetRequests');
      const token = await client.getTokenSilently({ authorizationParams: { audience: apis.analytics, scope: 'read:analytics' } });
      const payload = jwtPayload(token);
      expect(payload.aud).to.include(apis.analytics);
      expect(payload.scope).to.equal('read:analytics');
      expect(payload.sub).to.equal(users.alice.sub);
      const [grant] = await refreshGrants();
      expect(grant).to.deep.include({ status: 200, audience: apis.analytics, scope: 'openid profile email offline_access read:analytics' });
      expect(await tenant.control('requests', { path: '/authorize' })).to.deep.equal([]);
      // Cached under B now; A is still served from its own entry.
      await tenant.control('resetRequests');
      expect(await client.getTokenSilently({ authorizationParams: { audience: apis.analytics, scope: 'read:analytics' } })).to.equal(token);
      expect(jwtPayload(await client.getTokenSilently()).aud).to.include(apis.default);
      expect(await tokenRequests()).to.deep.equal([]);
    });

    it('without useMrrt, another API has no refresh token: MissingRefreshTokenError, nothing sent', async () => {
      const { apis } = await facts();
      const client = await newClient({ useRefreshTokens: true, cacheLocation, authorizationParams: { audience: apis.default } });
      await popupLogin(client);
      await tenant.control('resetRequests');
      const error = await failure(client.getTokenSilently({ authorizationParams: { audience: apis.analytics } }));
      expect(error).to.be.instanceOf(MissingRefreshTokenError);
      expect(error.audience).to.equal(apis.analytics);
      expect(await tokenRequests()).to.deep.equal([]);
    });

    it('fewer scopes back than asked → MissingScopesError; nothing cached for it, the rotated token kept', async () => {
      const { apis } = await facts();
      const client = await newClient({
        useRefreshTokens: true,
        useMrrt: true,
        cacheLocation,
        authorizationParams: { audience: apis.default, scope: 'read:messages' },
      });
      await popupLogin(client);
      await tenant.control('resetRequests');
      // read:messages belongs to API A: the analytics API does not grant it.
      const params = { audience: apis.analytics, scope: 'read:analytics read:messages' };
      const error = await failure(client.getTokenSilently({ authorizationParams: params }));
      expect(error).to.be.instanceOf(MissingScopesError);
      expect(error.error).to.equal('missing_scopes');
      expect(error.audience).to.equal(apis.analytics);
      expect(error.scope).to.equal('read:messages');
      expect(await client.getTokenSilently({ authorizationParams: params, cacheMode: 'cache-only' })).to.equal(undefined);
      // The grant rotated the token; the new one was kept, so this is no reuse.
      expect(await client.getTokenSilently({ cacheMode: 'off' })).to.be.a('string');
      expect((await refreshGrants()).map((g) => g.status)).to.deep.equal([200, 200]);
    });

    it('an API outside the client’s MRRT policy → the tenant’s invalid_target; the refresh token still works', async () => {
      const { apis } = await facts();
      const client = await newClient({ useRefreshTokens: true, useMrrt: true, cacheLocation, authorizationParams: { audience: apis.default } });
      await popupLogin(client);
      const error = await failure(client.getTokenSilently({ authorizationParams: { audience: apis.admin } }));
      expect(error).to.be.instanceOf(GenericError);
      expect(error.error).to.equal('invalid_target');
      expect(await client.getTokenSilently({ cacheMode: 'off' })).to.be.a('string');
      expect(client.state.status).to.equal('authenticated');
    });
  });
}

describe('per-audience scopes: the seed example, verbatim', () => {
  beforeEach(async () => {
    await cleanSlate();
    await tenant.control('resetRequests');
  });

  /** The seed's "Configuring Scopes Per Audience" configuration, with the local tenant's address. */
  async function seedClient(): Promise<Auth0Client> {
    const { domain, clientId } = await facts();
    const auth0 = await createAuth0Client({
      domain,
      clientId,
      useRefreshTokens: true,
      useMrrt: true,
      authorizationParams: {
        redirect_uri: location.origin,
        audience: 'https://api.example.com', // Default audience
        scope: {
          'https://api.example.com':
            'openid profile email offline_access read:products read:orders',
          'https://analytics.example.com':
            'openid profile email offline_access read:analytics write:analytics',
          'https://admin.example.com':
            'openid profile email offline_access read:admin write:admin delete:admin'
        }
      }
    });
    return auth0;
  }

  it('logs in with the default audience’s scopes and gets the other audiences’ scopes by MRRT', async () => {
    const client = await seedClient();
    await popupLogin(client);
    expect(await authorizeScope()).to.equal('openid profile email offline_access read:products read:orders');
    expect(jwtPayload(await client.getTokenSilently()).scope).to.equal('read:products read:orders');
    await tenant.control('resetRequests');
    const analytics = jwtPayload(await client.getTokenSilently({ authorizationParams: { audience: 'https://analytics.example.com' } }));
    expect(analytics.aud).to.include('https://analytics.example.com');
    expect(analytics.scope).to.equal('read:analytics write:analytics');
    const [grant] = await refreshGrants();
    expect(grant.scope).to.equal('openid profile email offline_access read:analytics write:analytics');
    // Per-call scopes merge with the audience's own: a subset is served from the same entry.
    await tenant.control('resetRequests');
    await client.getTokenSilently({ authorizationParams: { audience: 'https://analytics.example.com', scope: 'write:analytics' } });
    expect(await tokenRequests()).to.deep.equal([]);
  });

  it('an audience the map lists but the tenant’s MRRT policy refuses → invalid_target, with the map’s scopes sent', async () => {
    const client = await seedClient();
    await popupLogin(client);
    await tenant.control('resetRequests');
    const error = await failure(client.getTokenSilently({ authorizationParams: { audience: 'https://admin.example.com' } }));
    expect(error.error).to.equal('invalid_target');
    const [grant] = await tokenRequests();
    expect(grant.scope).to.equal('openid profile email offline_access read:admin write:admin delete:admin');
  });

  it('the default-audience rule: an audience without an entry gets openid profile email offline_access', async () => {
    const { domain, clientId, apis } = await facts();
    const client = await createAuth0Client({
      domain,
      clientId,
      useRefreshTokens: true,
      useMrrt: true,
      authorizationParams: { audience: apis.default, scope: { [apis.analytics]: 'read:analytics' } },
    });
    await popupLogin(client);
    expect(await authorizeScope()).to.equal('openid profile email offline_access');
    await tenant.control('resetRequests');
    // A listed audience: openid and offline_access added to its own scopes; per-call scopes merged.
    await client.getTokenSilently({ authorizationParams: { audience: apis.analytics, scope: 'write:analytics' } });
    expect((await refreshGrants())[0].scope).to.equal('openid read:analytics offline_access write:analytics');
  });

  it('a scope map is for the client options only: a map passed to a call is a TypeError naming the option', async () => {
    const client = await seedClient();
    const error = await failure(client.getTokenSilently({ authorizationParams: { scope: { a: 'b' } as any } }));
    expect(error).to.be.instanceOf(TypeError);
    expect(error.message).to.include('scope');
  });
});
