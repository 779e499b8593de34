// connectAccountWithRedirect and the connect callback, against the local tenant's My Account API
// and its stand-in Google: what crosses the network (the MRRT refresh for the My Account API, the
// DPoP-bound calls, PKCE and state), the connected account coming back, and every way it can fail.
import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { ConnectError, GenericError, MyAccountApiError } from '../../../src/index.js';
import {
  CALENDAR_SCOPE,
  CALLBACK_PAGE,
  CONNECTION,
  cleanSlate,
  connectClient,
  connectFacts,
  connectRoundTrip,
  failure,
  jwtPayload,
  popupLogin,
  rewriteTransaction,
  s256,
  storedTransaction,
  watchMyAccount,
} from './helpers.js';

const requestsTo = (path: string) => tenant.control<Array<{ method: string; status: number; dpop?: string }>>('requests', { path, method: 'POST' });

describe('connectAccountWithRedirect / handleRedirectCallback (connect_code)', function () {
  this.timeout(40_000);
  beforeEach(async () => {
    await cleanSlate();
    await tenant.control('resetRequests');
  });
  afterEach(() => tenant.control('autoApproveConnections', false));

  it('connects google-oauth2: MRRT refresh for <domain>/me/ with DPoP, connect with PKCE and state, complete on the way back', async () => {
    const { issuer, myAccount, apis } = await connectFacts();
    const client = await connectClient();
    await popupLogin(client);
    await tenant.control('resetRequests');
    const watch = watchMyAccount();
    try {
      const { consentUrl, back } = await connectRoundTrip(async (openUrl) => {
        await client.connectAccountWithRedirect({
          connection: CONNECTION,
          scopes: [CALENDAR_SCOPE],
          authorizationParams: { access_type: 'offline' },
          appState: { returnTo: '/settings' },
          openUrl,
        });
        // Before leaving: the transaction waits in sessionStorage, with no token in it.
        const transaction = await storedTransaction();
        expect(transaction).to.include({ response_type: 'connect_code', connection: CONNECTION, redirect_uri: CALLBACK_PAGE });
        expect(transaction.code_verifier).to.have.length(43);
        expect(transaction.appState).to.deep.equal({ returnTo: '/settings' });
        expect(JSON.stringify(transaction)).to.not.match(/eyJ/);
      });

      // The token came from the refresh token (MRRT, no new login), DPoP-bound, for the My Account API only.
      const refreshes = await tenant.control<any[]>('tokenRequests', { grantType: 'refresh_token' });
      expect(refreshes.map((r) => [r.audience, r.status])).to.deep.equal([[myAccount, 200]]);
      expect(refreshes[0].scope.split(' ')).to.include('create:me:connected_accounts');
      expect(refreshes[0].dpop, 'a DPoP proof on the refresh').to.be.a('string');
      expect(await tenant.control<any[]>('tokenRequests', { grantType: 'authorization_code' })).to.deep.equal([]);

      // connect: the body the My Account API needs, a DPoP-bound token with a proof.
      const [connect] = watch.calls;
      expect(connect.url).to.equal(`${issuer}me/v1/connected-accounts/connect`);
      expect(connect.status).to.equal(201);
      expect(connect.authorization).to.match(/^DPoP /);
      expect(connect.dpop).to.be.a('string');
      const token = jwtPayload(connect.authorization!.slice(5));
      expect(token.aud).to.include(myAccount);
      expect(token.aud).to.not.include(apis.default);
      expect(token.cnf.jkt).to.be.a('string');
      expect(Object.keys(connect.body).sort()).to.deep.equal(
        ['authorization_params', 'code_challenge', 'code_challenge_method', 'connection', 'redirect_uri', 'scopes', 'state'],
      );
      expect(connect.body).to.deep.include({
        connection: CONNECTION,
        scopes: [CALENDAR_SCOPE],
        redirect_uri: CALLBACK_PAGE,
        code_challenge_method: 'S256',
        authorization_params: { access_type: 'offline' },
      });

      // The consent page of the ticket, and back with connect_code and the state sent to connect.
      const consent = new URL(consentUrl);
      expect(`${consent.origin}${consent.pathname}`).to.equal(`${issuer}connect`);
      expect(consent.searchParams.get('ticket')).to.be.a('string');
      const backUrl = new URL(back);
      expect(backUrl.searchParams.get('state')).to.equal(connect.body.state);
      expect(backUrl.searchParams.get('connect_code')).to.be.a('string');
      const verifier = (await storedTransaction()).code_verifier;
      expect(await s256(verifier)).to.equal(connect.body.code_challenge);

      const result = await client.handleRedirectCallback(back);
      expect(result.response_type).to.equal('connect_code');
      expect(result.connection).to.equal(CONNECTION);
      expect(result.appState).to.deep.equal({ returnTo: '/settings' });
      expect((result as any).access_type).to.equal('offline');
      expect((result as any).scopes).to.include(CALENDAR_SCOPE);
      expect((result as any).id).to.be.a('string');

      // complete: the code, the session, the same redirect_uri and the verifier of the challenge.
      const complete = watch.calls[1];
      expect(complete.url).to.equal(`${issuer}me/v1/connected-accounts/complete`);
      expect(complete.status).to.equal(201);
      expect(complete.body).to.deep.equal({
        auth_session: complete.body.auth_session,
        connect_code: backUrl.searchParams.get('connect_code'),
        redirect_uri: CALLBACK_PAGE,
        code_verifier: verifier,
      });
      expect(complete.body.auth_session).to.be.a('string');
      expect(complete.dpop).to.not.equal(connect.dpop);
      // The My Account token was reused from the cache: one refresh for both calls.
      expect(await tenant.control<any[]>('tokenRequests', { grantType: 'refresh_token' })).to.have.length(1);
      expect(await storedTransaction()).to.equal(null);
      expect(client.state.status).to.equal('authenticated');
    } finally {
      watch.stop();
    }
  });

  it('an unknown connection: MyAccountApiError connection_not_found with its problem details; nothing kept, the page stays', async () => {
    const client = await connectClient();
    await popupLogin(client);
    let opened = false;
    const error = await failure(client.connectAccountWithRedirect({ connection: 'no-such-connection', openUrl: () => void (opened = true) }));
    expect(error).to.be.instanceOf(MyAccountApiError);
    expect(error).to.be.instanceOf(GenericError);
    expect(error).to.deep.include({ error: 'connection_not_found', type: 'connection_not_found', status: 400, title: 'Bad Request' });
    expect(error.detail).to.match(/no-such-connection/);
    expect(error.error_description).to.equal(error.detail);
    expect(opened).to.equal(false);
    expect(await storedTransaction()).to.equal(null);
    expect(client.state.status).to.equal('authenticated');
  });

  it('a tampered state on the connect callback: state_mismatch, complete never called, the transaction used up', async () => {
    const client = await connectClient();
    await popupLogin(client);
    await tenant.control('autoApproveConnections', true);
    const { back } = await connectRoundTrip((openUrl) => client.connectAccountWithRedirect({ connection: CONNECTION, openUrl }), 'auto-approved');
    const tampered = new URL(back);
    tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`);
    await tenant.control('resetRequests');
    const error = await failure(client.handleRedirectCallback(tampered.href));
    expect(error).to.be.instanceOf(GenericError);
    expect(error.error).to.equal('state_mismatch');
    expect(await requestsTo('/me/v1/connected-accounts/complete')).to.deep.equal([]);
    // The login session is not at stake: still signed in, no error state.
    expect(client.state.status).to.equal('authenticated');
    expect(client.state.error).to.equal(undefined);
    // The genuine answer cannot be used afterwards either: the transaction is gone.
    expect((await failure(client.handleRedirectCallback(back))).error).to.equal('missing_transaction');
  });

  it('complete with a wrong code_verifier: the My Account API refuses it (MyAccountApiError invalid_code_verifier)', async () => {
    const client = await connectClient();
    await popupLogin(client);
    await tenant.control('autoApproveConnections', true);
    const { back } = await connectRoundTrip((openUrl) => client.connectAccountWithRedirect({ connection: CONNECTION, openUrl }), 'auto-approved');
    // Another verifier than the one whose challenge went to connect (43 characters, like ours).
    await rewriteTransaction((transaction) => void (transaction.code_verifier = 'A'.repeat(43)));
    const error = await failure(client.handleRedirectCallback(back));
    expect(error).to.be.instanceOf(MyAccountApiError);
    expect(error).to.deep.include({ error: 'invalid_code_verifier', type: 'invalid_code_verifier', status: 400 });
    expect(error.detail).to.match(/code_verifier/);
    const completes = await requestsTo('/me/v1/connected-accounts/complete');
    expect(completes.map((r) => r.status)).to.deep.equal([400]);
    expect(client.state.status).to.equal('authenticated');
  });

  it('the user denies at the provider: ConnectError access_denied with connection, state and appState', async () => {
    const client = await connectClient();
    await popupLogin(client);
    const { back } = await connectRoundTrip(
      (openUrl) => client.connectAccountWithRedirect({ connection: CONNECTION, appState: { step: 2 }, openUrl }),
      'deny',
    );
    const state = new URL(back).searchParams.get('state');
    const error = await failure(client.handleRedirectCallback(back));
    expect(error).to.be.instanceOf(ConnectError);
    expect(error).to.deep.include({ error: 'access_denied', connection: CONNECTION, state, appState: { step: 2 } });
    expect(error.error_description).to.match(/did not allow/);
    expect(await requestsTo('/me/v1/connected-accounts/complete')).to.deep.equal([]);
    expect(client.state.status).to.equal('authenticated');
  });

  it('caller mistakes are TypeErrors naming the option, before any request', async () => {
    const client = await connectClient();
    await tenant.control('resetRequests');
    const noConnection = await failure(client.connectAccountWithRedirect({} as any));
    expect(noConnection).to.be.instanceOf(TypeError);
    expect(noConnection.message).to.match(/`connection` is required/);
    const badScopes = await failure(client.connectAccountWithRedirect({ connection: CONNECTION, scopes: 'calendar' as any }));
    expect(badScopes).to.be.instanceOf(TypeError);
    expect(badScopes.message).to.match(/`scopes`/);
    expect(await tenant.control<any[]>('requests', {})).to.deep.equal([]);
  });

  it('signed out: the token error comes back and nothing is kept', async () => {
    const client = await connectClient();
    const error = await failure(client.connectAccountWithRedirect({ connection: CONNECTION, openUrl: () => undefined }));
    expect(error).to.be.instanceOf(GenericError);
    expect(error.error).to.equal('missing_refresh_token');
    expect(await storedTransaction()).to.equal(null);
    expect(await requestsTo('/me/v1/connected-accounts/connect')).to.deep.equal([]);
  });

  it('the federated-connection grant is refused to the public SPA client, even with a valid user token', async () => {
    const { issuer, spaClientId } = await connectFacts();
    const client = await connectClient();
    await popupLogin(client);
    const accessToken = await client.getTokenSilently();
    const response = await fetch(`${issuer}oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token',
        client_id: spaClientId,
        subject_token: accessToken,
        subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        requested_token_type: 'http://auth0.com/oauth/token-type/federated-connection-access-token',
        connection: CONNECTION,
      }),
    });
    expect(response.status).to.equal(400);
    const body = await response.json();
    expect(body.error).to.be.oneOf(['unauthorized_client', 'invalid_request']);
    expect(body).to.not.have.property('access_token');
  });
});
