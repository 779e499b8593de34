// Logging in to organizations with the engine: client-level and per-login, by redirect and by popup,
// the ID token's org checks, non-members refused, and the organization remembered for silent
// authentication. Real tenant, real login page.
import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { AuthenticationError, GenericError } from '../../../src/index.js';
import {
  authorizeRequests,
  CALLBACK_PAGE,
  cleanSlate,
  facts,
  failure,
  inspectableCache,
  jwtPayload,
  newClient,
  organizationHint,
  popupLogin,
  redirectRoundTrip,
} from './helpers.js';

describe('organizations: login, checks and the silent-authentication hint', () => {
  beforeEach(cleanSlate);

  it('logs in by redirect to the organization set on the client: org_id / org_name in the ID token and org_id in the access token', async () => {
    const { organizations, users, apis } = await facts();
    const client = await newClient({ authorizationParams: { redirect_uri: CALLBACK_PAGE, audience: apis.default, organization: organizations.acme.id } });
    await tenant.control('resetRequests');
    const url = await redirectRoundTrip(client, 'alice');
    expect((await authorizeRequests())[0].organization).to.equal(organizations.acme.id);
    await client.handleRedirectCallback(url);
    const claims = (await client.getIdTokenClaims())!;
    expect(claims.sub).to.equal(users.alice.sub);
    expect(claims.org_id).to.equal(organizations.acme.id);
    expect(claims.org_name).to.equal(organizations.acme.name);
    expect((await client.getUser())?.org_id).to.equal(organizations.acme.id);
    expect(jwtPayload((await client.getTokenSilently({ cacheMode: 'cache-only' }))!).org_id).to.equal(organizations.acme.id);
    expect(client.state.status).to.equal('authenticated');
  });

  it('a per-login organization wins over the client one (redirect), and a name logs in in any letter case (popup)', async () => {
    const { organizations } = await facts();
    const client = await newClient({ authorizationParams: { redirect_uri: CALLBACK_PAGE, organization: organizations.acme.id } });
    const url = await redirectRoundTrip(client, 'alice', { authorizationParams: { organization: organizations.globex.id } });
    await client.handleRedirectCallback(url);
    expect((await client.getIdTokenClaims())?.org_id).to.equal(organizations.globex.id);

    // The tenant session now answers the popup without a login form.
    const byName = await newClient();
    await byName.loginWithPopup({ authorizationParams: { organization: organizations.acme.name.toUpperCase() } });
    const claims = (await byName.getIdTokenClaims())!;
    expect(claims.org_id).to.equal(organizations.acme.id);
    expect(claims.org_name).to.equal(organizations.acme.name);
  });

  it('logs in by popup to the seed example\'s per-login organization', async () => {
    const { organizations, users } = await facts();
    const client = await newClient();
    // The seed's "Using a popup window" call; the login page is filled by the test harness.
    const done = client.loginWithPopup({
      authorizationParams: {
        organization: organizations.globex.id,
      },
    });
    await tenant.login(users.alice.username, users.alice.password);
    await done;
    expect((await client.getUser())?.org_id).to.equal(organizations.globex.id);
    expect(await organizationHint()).to.equal(organizations.globex.id);
  });

  it('refuses an ID token of another organization after a redirect, by id and by name, and caches nothing', async () => {
    const { organizations } = await facts();
    for (const organization of [organizations.acme.id, 'ACME']) {
      const cache = inspectableCache();
      const client = await newClient({ cache, authorizationParams: { redirect_uri: CALLBACK_PAGE, organization } });
      const url = await redirectRoundTrip(client, organization === 'ACME' ? undefined : 'alice');
      await tenant.control('tamperIdToken', 'wrong-org');
      const error = await failure(client.handleRedirectCallback(url));
      expect(error, organization).to.be.instanceOf(GenericError);
      expect(error.error).to.equal('id_token_org_mismatch');
      expect(cache.entries.size).to.equal(0);
      expect(client.state).to.include({ status: 'error', error });
      expect(await organizationHint()).to.equal(undefined);
    }
  });

  it('a login to an organization the user is not in: AuthenticationError by redirect, GenericError access_denied by popup', async () => {
    const { organizations } = await facts();
    // mallory belongs to no organization.
    const client = await newClient({ authorizationParams: { redirect_uri: CALLBACK_PAGE, organization: organizations.acme.id } });
    const url = await redirectRoundTrip(client, 'mallory', { appState: { to: '/acme' } });
    const error = await failure(client.handleRedirectCallback(url));
    expect(error).to.be.instanceOf(AuthenticationError);
    expect(error.error).to.equal('access_denied');
    expect(error.error_description).to.match(/not part of/);
    expect(error.appState).to.deep.equal({ to: '/acme' });
    expect(await client.isAuthenticated()).to.equal(false);

    // Same tenant session, now a popup: the SPA SDK reports popup errors as GenericError.
    const popup = await newClient({ authorizationParams: { organization: organizations.acme.name } });
    const refused = await failure(popup.loginWithPopup());
    expect(refused).to.be.instanceOf(GenericError);
    expect(refused.error).to.equal('access_denied');
    expect(await popup.isAuthenticated()).to.equal(false);
  });

  it('remembers the organization for silent authentication, and forgets it at logout', async () => {
    const { organizations } = await facts();
    // Logged in by name: the hint is the organization id the ID token names.
    await popupLogin(await newClient(), 'alice', { authorizationParams: { organization: organizations.globex.name } });
    expect(await organizationHint()).to.equal(organizations.globex.id);

    // A fresh client (a reload) without any organization asks the tenant for the same one.
    await tenant.control('resetRequests');
    const reloaded = await newClient();
    await reloaded.checkSession();
    expect((await authorizeRequests()).map((r) => r.organization)).to.deep.equal([organizations.globex.id]);
    expect((await reloaded.getUser())?.org_id).to.equal(organizations.globex.id);

    await reloaded.logout({ openUrl: false });
    expect(await organizationHint()).to.equal(undefined);
    await tenant.control('resetRequests');
    const after = await newClient();
    await after.getTokenSilently();
    expect((await authorizeRequests()).map((r) => r.organization)).to.deep.equal([undefined]);
    expect((await after.getUser())?.org_id).to.equal(undefined);
  });

  it('a client-level organization wins over the hint, and a login without organization drops the hint', async () => {
    const { organizations } = await facts();
    await popupLogin(await newClient(), 'alice', { authorizationParams: { organization: organizations.globex.id } });
    expect(await organizationHint()).to.equal(organizations.globex.id);
    const acme = await newClient({ authorizationParams: { organization: organizations.acme.id } });
    await acme.getTokenSilently();
    expect((await acme.getUser())?.org_id).to.equal(organizations.acme.id);
    expect(await organizationHint()).to.equal(organizations.acme.id);
    const plain = await newClient();
    await plain.loginWithPopup();
    expect((await plain.getUser())?.org_id).to.equal(undefined);
    expect(await organizationHint()).to.equal(undefined);
  });
});
