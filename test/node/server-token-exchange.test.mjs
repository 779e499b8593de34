// ApiClient.getAccessTokenForConnection (Token Vault, DESIGN.md §5): argument errors before any
// request, the form that crosses the network, tenant errors, network failures and timeouts.
// The token endpoint is a tenant edge on 127.0.0.1 that records what it receives.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  ApiClient,
  InvalidArgumentError,
  MissingRequiredArgumentError,
  NetworkError,
  TimeoutError,
  TokenForConnectionError,
} from '../../lib/src/server/index.js';
import { listen, startEdgeTenant } from './server-fixtures.mjs';

const audience = 'https://api.example.com';
let edge;
let api;

before(async () => {
  edge = await startEdgeTenant();
  api = new ApiClient({ domain: edge.domain, audience, clientId: 'api-client', clientSecret: 'api-secret' });
});
after(() => edge.close());
beforeEach(() => {
  edge.requests.length = 0;
  edge.token = () => ({ status: 200, body: { access_token: 'google-token', expires_in: 3600, scope: 'calendar.read', token_type: 'Bearer', issued_token_type: 'http://auth0.com/oauth/token-type/federated-connection-access-token' } });
});

const tokenRequests = () => edge.requests.filter((r) => r.path === '/oauth/token');

describe('getAccessTokenForConnection', { timeout: 20_000 }, () => {
  test('argument errors are thrown before any request', async () => {
    const cases = [
      [api, undefined, MissingRequiredArgumentError, 'options'],
      [api, { accessToken: 'at' }, MissingRequiredArgumentError, 'connection'],
      [api, { connection: '', accessToken: 'at' }, InvalidArgumentError, 'connection'],
      [api, { connection: 'google-oauth2' }, MissingRequiredArgumentError, 'accessToken'],
      [api, { connection: 'google-oauth2', accessToken: 'at', refreshToken: 'rt' }, InvalidArgumentError, 'accessToken'],
      [api, { connection: 'google-oauth2', accessToken: 42 }, InvalidArgumentError, 'accessToken'],
      [api, { connection: 'google-oauth2', accessToken: 'at', loginHint: 7 }, InvalidArgumentError, 'loginHint'],
      [new ApiClient({ domain: edge.domain, audience }), { connection: 'google-oauth2', accessToken: 'at' }, MissingRequiredArgumentError, 'clientId'],
      [new ApiClient({ domain: edge.domain, audience, clientId: 'c' }), { connection: 'google-oauth2', accessToken: 'at' }, MissingRequiredArgumentError, 'clientSecret'],
    ];
    for (const [client, options, ErrorClass, argument] of cases) {
      await assert.rejects(
        client.getAccessTokenForConnection(options),
        (error) => error instanceof ErrorClass && error instanceof TypeError && error.argument === argument && error.code === ErrorClass.code,
        JSON.stringify(options),
      );
    }
    assert.deepEqual(tokenRequests(), [], 'no request reached the tenant');
  });

  test('an access token is exchanged with a client_secret_post form; the ConnectionTokenSet comes back', async () => {
    const before = Math.floor(Date.now() / 1000);
    const tokenSet = await api.getAccessTokenForConnection({
      connection: 'google-oauth2',
      accessToken: 'auth0-access-token',
      loginHint: 'alice@example.com',
    });
    assert.equal(tokenSet.accessToken, 'google-token');
    assert.equal(tokenSet.scope, 'calendar.read');
    assert.equal(tokenSet.connection, 'google-oauth2');
    assert.equal(tokenSet.loginHint, 'alice@example.com');
    assert.ok(tokenSet.expiresAt >= before + 3600 && tokenSet.expiresAt <= Math.floor(Date.now() / 1000) + 3600);
    const [request] = tokenRequests();
    assert.equal(request.method, 'POST');
    assert.equal(request.contentType, 'application/x-www-form-urlencoded');
    assert.deepEqual(request.form, {
      grant_type: 'urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token',
      client_id: 'api-client',
      client_secret: 'api-secret',
      subject_token: 'auth0-access-token',
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      requested_token_type: 'http://auth0.com/oauth/token-type/federated-connection-access-token',
      connection: 'google-oauth2',
      login_hint: 'alice@example.com',
    });
  });

  test('a refresh token goes as the refresh_token subject type, without login_hint', async () => {
    const tokenSet = await api.getAccessTokenForConnection({ connection: 'google-oauth2', refreshToken: 'auth0-refresh-token' });
    assert.equal(tokenSet.loginHint, undefined);
    const [{ form }] = tokenRequests();
    assert.equal(form.subject_token, 'auth0-refresh-token');
    assert.equal(form.subject_token_type, 'urn:ietf:params:oauth:token-type:refresh_token');
    assert.equal('login_hint' in form, false);
  });

  test('a tenant refusal is a TokenForConnectionError with error, error_description and status', async () => {
    edge.token = () => ({ status: 401, body: { error: 'federated_connection_refresh_token_not_found', error_description: 'no connected account' } });
    await assert.rejects(api.getAccessTokenForConnection({ connection: 'google-oauth2', accessToken: 'at' }), (error) => {
      assert.ok(error instanceof TokenForConnectionError);
      assert.equal(error.code, 'token_for_connection_error');
      assert.equal(error.error, 'federated_connection_refresh_token_not_found');
      assert.equal(error.error_description, 'no connected account');
      assert.equal(error.status, 401);
      return true;
    });
  });

  test('a non-JSON error page and a 200 without access_token are typed errors', async () => {
    edge.token = () => ({ status: 502, type: 'text/html', body: '<html>Bad gateway</html>' });
    await assert.rejects(api.getAccessTokenForConnection({ connection: 'c', accessToken: 'at' }), (error) => {
      assert.ok(error instanceof TokenForConnectionError);
      assert.equal(error.error, 'server_error');
      assert.equal(error.status, 502);
      return true;
    });
    edge.token = () => ({ status: 200, body: { token_type: 'Bearer' } });
    await assert.rejects(api.getAccessTokenForConnection({ connection: 'c', accessToken: 'at' }), (error) => {
      assert.ok(error instanceof TokenForConnectionError);
      assert.equal(error.error, 'invalid_response');
      return true;
    });
  });

  test('a connection reset is a NetworkError; a tenant that never answers is a TimeoutError', async () => {
    edge.token = () => 'reset';
    await assert.rejects(api.getAccessTokenForConnection({ connection: 'c', accessToken: 'at' }), (error) => {
      assert.ok(error instanceof NetworkError && !(error instanceof TimeoutError), error.name);
      assert.equal(error.error, 'network_error');
      return true;
    });
    edge.token = () => 'hang';
    const slow = new ApiClient({ domain: edge.domain, audience, clientId: 'c', clientSecret: 's', httpTimeoutInSeconds: 0.3 });
    const started = Date.now();
    await assert.rejects(slow.getAccessTokenForConnection({ connection: 'c', accessToken: 'at' }), (error) => {
      assert.ok(error instanceof TimeoutError, error.name);
      assert.equal(error.error, 'timeout');
      return true;
    });
    assert.ok(Date.now() - started < 5_000);
  });

  test('a tenant that is not listening is a NetworkError', async () => {
    const gone = await listen((req, res) => res.end());
    await gone.close();
    const client = new ApiClient({ domain: gone.origin, audience, clientId: 'c', clientSecret: 's' });
    await assert.rejects(client.getAccessTokenForConnection({ connection: 'c', accessToken: 'at' }), NetworkError);
  });
});
