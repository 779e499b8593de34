// The tenant's passkey endpoints without a browser: the challenges' shapes as auth0-auth-js reads
// them, the relying party taken from the app's Origin (never an IP address), the errors, the test
// switches, and the WebAuthn grant's refusals before any signature is checked. The ceremonies
// themselves run in Chromium with a virtual authenticator (test/browser/passkey/).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startTenant } from '../../demo/tenant/index.js';

const APP = 'http://localhost:8123';
const IP_APP = 'http://127.0.0.1:8123';

/** @type {Awaited<ReturnType<typeof startTenant>>} */
let tenant;
before(async () => {
  tenant = await startTenant({ appOrigins: [APP, IP_APP], quiet: true });
});
after(() => tenant.close());
beforeEach(() => tenant.control.resetPasskeys());

async function post(path, body, origin = APP) {
  const response = await fetch(`${tenant.issuer}${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(origin && { origin }) }, body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, data: await response.json() };
}

describe('tenant: passkeys', { timeout: 30_000 }, () => {
  const clientId = () => tenant.info.clients.spa.clientId;

  it('a signup challenge: auth_session and creation options for the app\'s host as relying party', async () => {
    const { status, headers, data } = await post('passkey/register', { client_id: clientId(), user_profile: { email: 'new@example.com', name: 'New User' }, realm: 'Username-Password-Authentication' });
    assert.equal(status, 200);
    assert.equal(headers.get('access-control-allow-origin'), APP);
    assert.match(data.auth_session, /^[\w-]{32}$/);
    const options = data.authn_params_public_key;
    assert.match(options.challenge, /^[\w-]{43}$/);
    assert.deepEqual(options.rp, { id: 'localhost', name: 'Auth0 Elements local tenant' });
    assert.equal(options.user.name, 'new@example.com');
    assert.equal(options.user.displayName, 'New User');
    assert.match(options.user.id, /^[\w-]{22}$/);
    assert.deepEqual(options.pubKeyCredParams.map((p) => p.alg), [-7, -8, -257]);
    assert.deepEqual(options.authenticatorSelection, { residentKey: 'required', userVerification: 'required' });
    assert.equal(options.timeout, 300_000);
  });

  it('a login challenge: no user named (discoverable credentials), rpId the app\'s host', async () => {
    const { status, data } = await post('passkey/challenge', { client_id: clientId() });
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(data.authn_params_public_key).sort(), ['challenge', 'rpId', 'timeout', 'userVerification']);
    assert.equal(data.authn_params_public_key.rpId, 'localhost');
    const other = await post('passkey/challenge', { client_id: clientId() });
    assert.notEqual(other.data.authn_params_public_key.challenge, data.authn_params_public_key.challenge);
  });

  it('refuses an IP address as relying party, an unknown origin, client, realm or organization, and a signup without an identifier', async () => {
    const ip = await post('passkey/challenge', { client_id: clientId() }, IP_APP);
    assert.equal(ip.status, 400);
    assert.match(ip.data.error_description, /IP address \(127\.0\.0\.1\)/);
    assert.equal((await post('passkey/challenge', { client_id: clientId() }, 'http://localhost:1')).data.error, 'unauthorized_client');
    assert.equal((await post('passkey/challenge', { client_id: clientId() }, '')).status, 403);
    assert.deepEqual((await post('passkey/challenge', { client_id: 'nobody' })).data.error, 'unauthorized_client');
    assert.equal((await post('passkey/challenge', { client_id: clientId(), realm: 'nope' })).status, 400);
    assert.equal((await post('passkey/challenge', { client_id: clientId(), organization: 'org_nope' })).status, 400);
    const noId = await post('passkey/register', { client_id: clientId(), user_profile: { name: 'Nameless' } });
    assert.deepEqual([noId.status, noId.data.error], [400, 'invalid_request']);
    const exists = await post('passkey/register', { client_id: clientId(), user_profile: { email: tenant.info.users.alice.email } });
    assert.deepEqual([exists.status, exists.data], [400, { error: 'user_exists', error_description: 'The user already exists.' }]);
  });

  it('failNextPasskeyChallenge: the next challenge (signup or login) is refused once, with the error given', async () => {
    tenant.control.failNextPasskeyChallenge();
    assert.deepEqual(await post('passkey/challenge', { client_id: clientId() }).then((r) => [r.status, r.data]), [429, { error: 'too_many_requests', error_description: 'Too many requests' }]);
    assert.equal((await post('passkey/challenge', { client_id: clientId() })).status, 200);
    tenant.control.failNextPasskeyChallenge({ status: 400, error: 'invalid_request', error_description: 'no' });
    assert.equal((await post('passkey/register', { client_id: clientId(), user_profile: { email: 'x@example.com' } })).data.error_description, 'no');
  });

  it('the webauthn grant: an unknown, used or expired auth_session is invalid_grant; a malformed authn_response invalid_request', async () => {
    const token = (body) => fetch(`${tenant.issuer}oauth/token`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: APP },
      body: JSON.stringify({ grant_type: 'urn:okta:params:oauth:grant-type:webauthn', client_id: clientId(), ...body }),
    }).then(async (r) => ({ status: r.status, data: await r.json() }));
    const credential = { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA' }, clientExtensionResults: {} };
    assert.deepEqual((await token({ auth_session: 'nope', authn_response: credential })).data, { error: 'invalid_grant', error_description: 'auth_session is invalid' });
    assert.equal((await token({ auth_session: 'nope', authn_response: 'not json' })).data.error, 'invalid_request');
    const { data } = await post('passkey/challenge', { client_id: clientId() });
    const unknown = await token({ auth_session: data.auth_session, authn_response: credential });
    assert.deepEqual([unknown.status, unknown.data.error], [400, 'invalid_grant']);
    assert.match(unknown.data.error_description, /no passkey with this credential id/);
    assert.equal((await token({ auth_session: data.auth_session, authn_response: credential })).data.error_description, 'auth_session has already been used');
    const second = await post('passkey/challenge', { client_id: clientId() });
    tenant.control.expirePasskeyChallenges();
    assert.equal((await token({ auth_session: second.data.auth_session, authn_response: credential })).data.error_description, 'the passkey challenge has expired');
    assert.deepEqual(tenant.control.passkeyGrants()[0], { clientExtensionResults: {}, id: 'string', rawId: 'string', response: { authenticatorData: 'string', clientDataJSON: 'string', signature: 'string' }, type: 'string' });
    // The request log keeps neither the session handle nor the credential.
    const [logged] = tenant.control.tokenRequests({ grantType: 'urn:okta:params:oauth:grant-type:webauthn' });
    assert.equal(logged.params.auth_session, '[redacted]');
    assert.equal(logged.params.authn_response, '[redacted]');
  });
});
