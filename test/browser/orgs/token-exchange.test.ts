// Custom token exchange (RFC 8693) against the tenant's profile for `urn:example:external-token`:
// loginWithCustomTokenExchange / exchangeToken establish the session, customTokenExchange only
// returns tokens; the tenant's refusals surface as GenericError with its `error` code; the seed's
// examples run as written.
import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { GenericError } from '../../../src/index.js';
import {
  cleanSlate,
  exchangeFacts,
  facts,
  failure,
  FixtureFrame,
  inspectableCache,
  jwtPayload,
  legacyToken,
  newClient,
  organizationHint,
  tokenRequests,
} from './helpers.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';

describe('custom token exchange', () => {
  beforeEach(async () => {
    await cleanSlate();
    await tenant.control('resetRequests');
  });

  it('loginWithCustomTokenExchange logs the user in: verified ID token, tokens cached, state authenticated', async () => {
    const { clientId, apis, users } = await facts();
    const { subjectTokenType } = await exchangeFacts();
    const cache = inspectableCache();
    const client = await newClient({ cache, authorizationParams: { audience: apis.default } });
    const statuses: string[] = [];
    client.subscribe((state) => statuses.push(state.status));
    const result = await client.loginWithCustomTokenExchange({
      subject_token: await legacyToken(users.alice.email),
      subject_token_type: subjectTokenType,
      scope: 'read:messages',
    });
    // The SPA SDK's fields, the answer's RFC 8693 issued_token_type included.
    expect(Object.keys(result).sort()).to.deep.equal(['access_token', 'expires_in', 'id_token', 'issued_token_type', 'scope', 'token_type']);
    expect(result.token_type).to.equal('Bearer');
    const [sent] = await tokenRequests();
    // audience defaults to the client's; scope merged with the default scope.
    expect(sent).to.include({ grantType: GRANT, subjectTokenType, audience: apis.default, scope: 'openid profile email read:messages', status: 200 });
    expect(statuses).to.deep.equal(['loading', 'authenticated']);
    expect(client.state.user?.sub).to.equal(users.alice.sub);
    expect((await client.getIdTokenClaims())?.__raw).to.equal(result.id_token);
    expect(jwtPayload(result.access_token).aud).to.include(apis.default);
    expect(await client.getTokenSilently({ cacheMode: 'cache-only', authorizationParams: { scope: 'read:messages' } })).to.equal(result.access_token);
    expect([...cache.entries.keys()].sort()).to.deep.equal(
      [`@@auth0spajs@@::${clientId}::${apis.default}::openid profile email read:messages`, `@@auth0spajs@@::${clientId}::@@user@@`].sort(),
    );
    expect(document.cookie).to.include(`auth0.${clientId}.is.authenticated=true`);
  });

  it('exchangeToken is its older name: the seed\'s three options, default audience, another audience, an organization', async () => {
    const { apis, organizations, users } = await facts();
    const { subjectTokenType } = await exchangeFacts();
    const tokens = [await legacyToken(users.alice.email), await legacyToken(users.alice.email), await legacyToken(users.alice.username)];
    const auth0 = await newClient({ authorizationParams: { audience: apis.default } });
    const logged: unknown[][] = [];
    let analyticsToken = '';
    const realLog = console.log;
    // The seed logs the response; kept off the test output (tokens never go to a log line).
    console.log = (...args: unknown[]) => void logged.push(args);
    try {
      // --- the seed's performTokenExchange, placeholders filled in ---
      const tokenResponse = await auth0.exchangeToken({
        subject_token: tokens[0],
        subject_token_type: subjectTokenType,
        scope: 'openid profile email',
        // audience will default to audience from client config
      });
      const customTokenResponse = await auth0.exchangeToken({
        subject_token: tokens[1],
        subject_token_type: subjectTokenType,
        audience: apis.analytics,
        scope: 'openid profile read:analytics',
      });
      const orgTokenResponse = await auth0.exchangeToken({
        subject_token: tokens[2],
        subject_token_type: subjectTokenType,
        organization: organizations.acme.id, // Organization ID or name
        scope: 'openid profile email',
      });
      console.log('Received tokens:', tokenResponse);
      // --- end of seed ---
      expect(jwtPayload(tokenResponse.access_token).aud).to.include(apis.default);
      expect(jwtPayload(customTokenResponse.access_token).aud).to.include(apis.analytics);
      expect(jwtPayload(customTokenResponse.access_token).scope).to.equal('read:analytics');
      analyticsToken = customTokenResponse.access_token;
      expect(jwtPayload(orgTokenResponse.access_token).org_id).to.equal(organizations.acme.id);
      expect(jwtPayload(orgTokenResponse.id_token).org_id).to.equal(organizations.acme.id);
    } finally {
      console.log = realLog;
    }
    expect(logged).to.have.length(1);
    const sent = await tokenRequests({ grantType: GRANT });
    expect(sent.map((r) => [r.audience, r.scope, r.organization])).to.deep.equal([
      [apis.default, 'openid profile email', undefined],
      [apis.analytics, 'openid profile email read:analytics', undefined],
      [apis.default, 'openid profile email', organizations.acme.id],
    ]);
    // The session follows the last exchange: alice in acme, remembered for silent authentication.
    expect((await auth0.getUser())?.org_id).to.equal(organizations.acme.id);
    expect(await organizationHint()).to.equal(organizations.acme.id);
    // Each exchange cached its tokens under its own audience and scope.
    const analytics = { audience: apis.analytics, scope: 'read:analytics' };
    expect(await auth0.getTokenSilently({ cacheMode: 'cache-only', authorizationParams: analytics })).to.equal(analyticsToken);
  });

  it('customTokenExchange only returns the tokens: nothing cached, no session, no cookie', async () => {
    const { apis, users, clientId } = await facts();
    const { subjectTokenType } = await exchangeFacts();
    const cache = inspectableCache();
    const client = await newClient({ cache });
    const statuses: string[] = [];
    client.subscribe((state) => statuses.push(state.status));
    const result = await client.customTokenExchange({
      subject_token: await legacyToken(users.bob.username),
      subject_token_type: subjectTokenType,
      audience: apis.admin,
      scope: 'read:admin',
    });
    expect(jwtPayload(result.id_token).sub).to.equal(users.bob.sub);
    expect(jwtPayload(result.access_token).aud).to.include(apis.admin);
    expect(result).not.to.have.property('refresh_token');
    expect(cache.entries.size).to.equal(0);
    expect(statuses).to.deep.equal(['loading']);
    expect(await client.isAuthenticated()).to.equal(false);
    expect(document.cookie).not.to.include(`auth0.${clientId}.is.authenticated`);
    expect((await tokenRequests({ grantType: GRANT }))[0]).to.include({ audience: apis.admin, scope: 'openid profile email read:admin' });
  });

  it('sends actor tokens and custom parameters, and JSON bodies with useFormData: false', async () => {
    const { users } = await facts();
    const { subjectTokenType } = await exchangeFacts();
    const client = await newClient({ useFormData: false });
    const result = await client.customTokenExchange({
      subject_token: await legacyToken(users.alice.username),
      subject_token_type: subjectTokenType,
      actor_token: 'agent-token',
      actor_token_type: 'urn:example:agent',
    });
    expect(jwtPayload(result.id_token).sub).to.equal(users.alice.sub);
    expect((await tokenRequests({ grantType: GRANT }))[0]).to.include({ subjectTokenType, scope: 'openid profile email', status: 200 });
  });

  it('surfaces the tenant\'s refusals as GenericError with error and error_description, and caches nothing', async () => {
    const { users, organizations } = await facts();
    const { subjectTokenType } = await exchangeFacts();
    const jti = `replay-${Date.now()}`;
    const cache = inspectableCache();
    const client = await newClient({ cache });
    await client.loginWithCustomTokenExchange({ subject_token: await legacyToken(users.bob.username, jti), subject_token_type: subjectTokenType });
    await client.logout({ openUrl: false });
    const mint = (user: 'bob' | 'mallory' = 'bob') => legacyToken(users[user].username);
    const cases: Array<[string, () => Promise<Record<string, string>>]> = [
      // The same jti again: a replayed subject token.
      ['invalid_grant', async () => ({ subject_token: await legacyToken(users.bob.username, jti), subject_token_type: subjectTokenType })],
      ['invalid_request', async () => ({ subject_token: await mint(), subject_token_type: 'urn:example:unknown-token' })],
      ['invalid_token', async () => ({ subject_token: 'EXTERNAL_PROVIDER_TOKEN', subject_token_type: subjectTokenType })],
      // mallory belongs to no organization.
      ['access_denied', async () => ({ subject_token: await mint('mallory'), subject_token_type: subjectTokenType, organization: organizations.acme.id })],
      ['invalid_request', async () => ({ subject_token: await mint(), subject_token_type: subjectTokenType, organization: 'no-such-org' })],
    ];
    for (const [code, options] of cases) {
      for (const call of ['loginWithCustomTokenExchange', 'customTokenExchange'] as const) {
        const error = await failure(client[call]((await options()) as any));
        expect(error, `${call} ${code}`).to.be.instanceOf(GenericError);
        expect(error.error, `${call} ${code}`).to.equal(code);
        expect(error.error_description).to.be.a('string').and.not.empty;
      }
    }
    expect(cache.entries.size).to.equal(0);
    expect(await client.isAuthenticated()).to.equal(false);
  });

  it('refuses an ID token of another organization (id_token_org_mismatch) and a bad signature, caching nothing', async () => {
    const { users, organizations } = await facts();
    const { subjectTokenType } = await exchangeFacts();
    const cache = inspectableCache();
    const client = await newClient({ cache });
    for (const [tamper, code] of [['wrong-org', 'id_token_org_mismatch'], ['bad-signature', 'id_token_signature_invalid']]) {
      for (const call of ['loginWithCustomTokenExchange', 'customTokenExchange'] as const) {
        await tenant.control('tamperIdToken', tamper);
        const error = await failure(client[call]({ subject_token: await legacyToken(users.alice.username), subject_token_type: subjectTokenType, organization: organizations.globex.name }));
        expect(error, `${call} ${tamper}`).to.be.instanceOf(GenericError);
        expect(error.error, `${call} ${tamper}`).to.equal(code);
      }
    }
    expect(cache.entries.size).to.equal(0);
    expect(await organizationHint()).to.equal(undefined);
  });

  it('refuses a call without subject_token or subject_token_type with a TypeError naming it, before any request', async () => {
    const client = await newClient();
    const { subjectTokenType } = await exchangeFacts();
    const noToken = await failure(client.loginWithCustomTokenExchange({ subject_token: '', subject_token_type: subjectTokenType }));
    expect(noToken).to.be.instanceOf(TypeError);
    expect(noToken.message).to.include('subject_token');
    const noType = await failure(client.customTokenExchange({ subject_token: 'x' } as any));
    expect(noType).to.be.instanceOf(TypeError);
    expect(noType.message).to.include('subject_token_type');
    expect(await tokenRequests()).to.deep.equal([]);
  });

  it('sends a DPoP proof when useDpop is on and gets a DPoP-bound token', async () => {
    const { users, apis } = await facts();
    const { subjectTokenType } = await exchangeFacts();
    const client = await newClient({ useDpop: true, authorizationParams: { audience: apis.default } });
    try {
      const result = await client.loginWithCustomTokenExchange({ subject_token: await legacyToken(users.alice.username), subject_token_type: subjectTokenType });
      expect(result.token_type).to.equal('DPoP');
      const [sent] = await tokenRequests({ grantType: GRANT });
      expect(sent.dpop).to.be.a('string');
      expect(jwtPayload(sent.dpop).htu).to.match(/\/oauth\/token$/);
      expect(jwtPayload(result.access_token).cnf?.jkt).to.be.a('string');
    } finally {
      await client.logout({ openUrl: false });
    }
  });

  it('runs the seed\'s error-handling example verbatim: invalid_token → logout and reload', async () => {
    const { users, domain, clientId } = await facts();
    const { subjectTokenType } = await exchangeFacts();
    const page = new FixtureFrame('/test/fixtures/orgs/seed-examples.html', 'orgs-fixture');
    try {
      page.open({ scenario: 'safe-exchange', domain, clientId, subjectTokenType, goodToken: await legacyToken(users.alice.username) });
      const exchanged = await page.next((m) => m.step === 'exchanged' || m.step === 'error');
      expect(exchanged).to.include({ step: 'exchanged', authenticated: true });
      expect(exchanged.storedKeys).to.have.length(2);
      const reloaded = await page.next((m) => m.step === 'reloaded' || m.step === 'error' || m.step === 'no-error');
      expect(reloaded).to.include({ step: 'reloaded', authenticated: false, status: 'anonymous' });
      expect(reloaded.storedKeys).to.deep.equal([]);
      const sent = await tokenRequests({ grantType: GRANT });
      expect(sent.map((r) => r.status)).to.deep.equal([200, 400]);
    } finally {
      page.remove();
    }
  });
});
