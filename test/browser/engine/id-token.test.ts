import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { GenericError } from '../../../src/index.js';
import { cleanSlate, facts, failure, inspectableCache, newClient, requestsTo, tenantSession } from './helpers.js';

const TAMPERED: Array<[kind: string, error: string]> = [
  ['bad-signature', 'id_token_signature_invalid'],
  ['wrong-issuer', 'id_token_iss_mismatch'],
  ['wrong-audience', 'id_token_aud_mismatch'],
  ['expired', 'id_token_expired'],
  ['wrong-nonce', 'id_token_nonce_mismatch'],
  ['future-nbf', 'id_token_not_yet_valid'],
  ['no-sub', 'id_token_sub_missing'],
];

describe('ID token verification', () => {
  beforeEach(async () => {
    await cleanSlate();
    await tenantSession('alice');
  });

  for (const [kind, code] of TAMPERED) {
    it(`rejects an ID token with ${kind} (${code}) and caches nothing`, async () => {
      const cache = inspectableCache();
      const client = await newClient({ cache });
      await tenant.control('tamperIdToken', kind);
      const error = await failure(client.getTokenSilently());
      expect(error).to.be.instanceOf(GenericError);
      expect(error.error).to.equal(code);
      expect(cache.entries.size).to.equal(0);
      expect(await client.getUser()).to.equal(undefined);
      expect(client.state.status).to.equal('loading');
      // The next, untampered token is accepted.
      expect(await client.getTokenSilently()).to.be.a('string');
    });
  }

  it('rejects an organization mismatch (org_id) and an org_name mismatch when logging in by name', async () => {
    const { organizations } = await facts();
    for (const organization of [organizations.acme.id, organizations.acme.name.toUpperCase()]) {
      const cache = inspectableCache();
      const client = await newClient({ cache, authorizationParams: { organization } });
      await tenant.control('tamperIdToken', 'wrong-org');
      // The tenant session of beforeEach answers the popup without showing the login form.
      const error = await failure(client.loginWithPopup());
      expect(error, organization).to.be.instanceOf(GenericError);
      expect(error.error).to.equal('id_token_org_mismatch');
      expect(cache.entries.size).to.equal(0);
    }
  });

  it('accepts the organization the user logged into, by id and by name', async () => {
    const { organizations } = await facts();
    const byId = await newClient({ authorizationParams: { organization: organizations.globex.id } });
    await byId.loginWithPopup();
    expect((await byId.getIdTokenClaims())?.org_id).to.equal(organizations.globex.id);
    const byName = await newClient({ authorizationParams: { organization: organizations.acme.name } });
    await byName.loginWithPopup();
    expect((await byName.getUser())?.org_name).to.equal(organizations.acme.name);
  });

  it('rejects an auth_time older than max_age allows', async () => {
    const client = await newClient({ authorizationParams: { max_age: 3600 }, nowProvider: () => Date.now() + 7200_000, leeway: 60 });
    const error = await failure(client.getTokenSilently());
    // Two hours ahead, the token has also expired; whichever check fires, nothing is accepted.
    expect(error).to.be.instanceOf(GenericError);
    expect(['id_token_auth_time_invalid', 'id_token_expired']).to.include(error.error);
    // max_age 60 s: the tenant still accepts the session (the login was moments ago, even on a
    // loaded machine), while our clock, 10 minutes ahead, finds auth_time too old; the ID token
    // itself (10 h) has not expired.
    const recent = await newClient({ authorizationParams: { max_age: 60 }, leeway: 0, nowProvider: () => Date.now() + 600_000 });
    const stale = await failure(recent.getTokenSilently());
    expect(stale.error).to.equal('id_token_auth_time_invalid');
  });

  it('fetches the JWKS once, and again only for an unknown kid after key rotation', async () => {
    await tenant.control('resetRequests');
    const a = await newClient();
    const b = await newClient();
    await a.getTokenSilently();
    await b.getTokenSilently();
    await a.getTokenSilently({ cacheMode: 'off' });
    const beforeRotation = (await requestsTo('/.well-known/jwks.json')).length;
    expect(beforeRotation).to.be.at.most(1);
    await tenant.control('rotateSigningKey');
    await a.getTokenSilently({ cacheMode: 'off' });
    await b.getTokenSilently({ cacheMode: 'off' });
    expect((await requestsTo('/.well-known/jwks.json')).length).to.equal(beforeRotation + 1);
    expect(await a.isAuthenticated()).to.equal(true);
  });

  it('a failing JWKS endpoint fails the login with a typed error, then recovers', async () => {
    await tenant.control('rotateSigningKey'); // force a JWKS fetch for the next token
    await tenant.control('fault', 'jwks', '500');
    const cache = inspectableCache();
    const client = await newClient({ cache });
    const error = await failure(client.getTokenSilently());
    expect(error).to.be.instanceOf(GenericError);
    expect(error.error).to.equal('jwks_error');
    expect(cache.entries.size).to.equal(0);
    expect(await client.getTokenSilently()).to.be.a('string');
  });
});
