// Custom token exchange at the local tenant (RFC 8693): subject tokens from the demo legacy
// identity provider become this tenant's tokens, once each, for a user and optionally an organization.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { calculateJwkThumbprint, createLocalJWKSet, decodeJwt, exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { startTenant } from '../../demo/tenant/index.js';
import { APP_ORIGIN, tokenRequest } from '../support/tenant-flow.mjs';

const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';

/** @type {Awaited<ReturnType<typeof startTenant>>} */
let tenant;
let spa;
let keySet;

before(async () => {
  tenant = await startTenant({ appOrigins: [APP_ORIGIN], quiet: true });
  spa = tenant.info.clients.spa.clientId;
  keySet = createLocalJWKSet(await (await fetch(`${tenant.issuer}.well-known/jwks.json`)).json());
});
after(() => tenant.close());

async function exchange(params, options) {
  return tokenRequest(tenant, {
    grant_type: GRANT,
    client_id: spa,
    subject_token_type: tenant.info.tokenExchange.subjectTokenType,
    ...params,
  }, options);
}

describe('tenant: custom token exchange', () => {
  it('trades a legacy token for an ID token, a JWT access token for the audience and a refresh token', async () => {
    const subject = await tenant.control.mintLegacyToken({ sub: 'alice@example.com' });
    const tokens = await exchange({
      subject_token: subject, audience: tenant.info.apis.default, scope: 'openid profile email offline_access read:messages',
    }, { json: true, headers: { origin: APP_ORIGIN } });
    assert.equal(tokens.status, 200, tokens.text);
    assert.equal(tokens.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.equal(tokens.data.issued_token_type, 'urn:ietf:params:oauth:token-type:access_token');
    assert.equal(tokens.data.token_type, 'Bearer');
    assert.equal(tokens.data.scope, 'openid profile email offline_access read:messages');
    const id = (await jwtVerify(tokens.data.id_token, keySet, { issuer: tenant.issuer, audience: spa })).payload;
    assert.equal(id.sub, 'auth0|alice');
    assert.equal(id.email, 'alice@example.com');
    const at = (await jwtVerify(tokens.data.access_token, keySet, { issuer: tenant.issuer, audience: tenant.info.apis.default })).payload;
    assert.equal(at.sub, 'auth0|alice');
    assert.equal(at.scope, 'read:messages');
    // As a login's: for the API and <issuer>userinfo, and usable there.
    assert.deepEqual(at.aud, [tenant.info.apis.default, `${tenant.issuer}userinfo`]);
    const userinfo = await fetch(`${tenant.issuer}userinfo`, { headers: { authorization: `Bearer ${tokens.data.access_token}` } });
    assert.equal(userinfo.status, 200);
    assert.equal((await userinfo.json()).email, 'alice@example.com');
    const refreshed = await tokenRequest(tenant, { grant_type: 'refresh_token', client_id: spa, refresh_token: tokens.data.refresh_token });
    assert.equal(refreshed.status, 200, refreshed.text);
  });

  it('works without audience (opaque access token) and accepts the username as subject', async () => {
    const tokens = await exchange({ subject_token: await tenant.control.mintLegacyToken({ sub: 'bob' }), scope: 'openid profile email' });
    assert.equal(tokens.status, 200, tokens.text);
    assert.equal(decodeJwt(tokens.data.id_token).sub, 'auth0|bob');
    assert.equal(tokens.data.refresh_token, undefined);
    const userinfo = await fetch(`${tenant.issuer}userinfo`, { headers: { authorization: `Bearer ${tokens.data.access_token}` } });
    assert.equal((await userinfo.json()).sub, 'auth0|bob');
  });

  it('refuses a replayed subject token (same jti) with invalid_grant', async () => {
    const jti = randomUUID();
    const first = await exchange({ subject_token: await tenant.control.mintLegacyToken({ sub: 'alice', jti }), scope: 'openid' });
    assert.equal(first.status, 200, first.text);
    const replayed = await exchange({ subject_token: await tenant.control.mintLegacyToken({ sub: 'alice', jti }), scope: 'openid' });
    assert.equal(replayed.status, 400);
    assert.equal(replayed.data.error, 'invalid_grant');
    assert.match(replayed.data.error_description, /already been used/);
  });

  it('refuses an unknown subject_token_type', async () => {
    const refused = await exchange({
      subject_token: await tenant.control.mintLegacyToken({ sub: 'alice' }), subject_token_type: 'urn:example:unknown-token',
    });
    assert.equal(refused.status, 400);
    assert.equal(refused.data.error, 'invalid_request');
    assert.match(refused.data.error_description, /subject_token_type/);
  });

  it('refuses subject tokens the legacy provider did not sign, or that expired, with invalid_token', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ sub: 'alice', jti: randomUUID() })
      .setProtectedHeader({ alg: 'ES256', kid: 'legacy-idp-1' })
      .setIssuer(tenant.info.tokenExchange.legacyIssuer).setAudience(tenant.issuer).setIssuedAt().setExpirationTime('5m')
      .sign(privateKey);
    const bad = await exchange({ subject_token: forged });
    assert.equal(bad.status, 400);
    assert.equal(bad.data.error, 'invalid_token');
    const expired = await exchange({ subject_token: await tenant.control.mintLegacyToken({ sub: 'alice', expiresIn: -10 }) });
    assert.equal(expired.data.error, 'invalid_token');
    const garbage = await exchange({ subject_token: 'not-a-jwt' });
    assert.equal(garbage.data.error, 'invalid_token');
  });

  it('refuses a subject naming no user', async () => {
    const refused = await exchange({ subject_token: await tenant.control.mintLegacyToken({ sub: 'nobody@example.com' }) });
    assert.equal(refused.data.error, 'invalid_grant');
  });

  it('puts the organization in the tokens, and refuses one the user is not in', async () => {
    const org = tenant.info.organizations.globex;
    const ok = await exchange({ subject_token: await tenant.control.mintLegacyToken({ sub: 'alice' }), organization: org.name, scope: 'openid' });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(decodeJwt(ok.data.id_token).org_id, org.id);
    const refused = await exchange({ subject_token: await tenant.control.mintLegacyToken({ sub: 'mallory' }), organization: org.id, scope: 'openid' });
    assert.equal(refused.status, 400);
    assert.equal(refused.data.error, 'access_denied');
  });

  it('binds the tokens to a DPoP key when a proof comes along', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = await exportJWK(publicKey);
    const proof = await new SignJWT({ htm: 'POST', htu: `${tenant.issuer}oauth/token`, jti: randomUUID() })
      .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk }).setIssuedAt().sign(privateKey);
    const tokens = await exchange({
      subject_token: await tenant.control.mintLegacyToken({ sub: 'alice' }), audience: tenant.info.apis.default, scope: 'openid read:messages',
    }, { headers: { dpop: proof } });
    assert.equal(tokens.status, 200, tokens.text);
    assert.equal(tokens.data.token_type, 'DPoP');
    assert.equal(decodeJwt(tokens.data.access_token).cnf.jkt, await calculateJwkThumbprint(jwk));
  });

  it('offers a sample subject token in info that works (once)', async () => {
    const sample = tenant.info.tokenExchange.sampleSubjectToken;
    assert.equal((await exchange({ subject_token: sample, scope: 'openid' })).status, 200);
    assert.equal((await exchange({ subject_token: sample, scope: 'openid' })).data.error, 'invalid_grant');
  });

  it('is logged with its subject_token_type', async () => {
    tenant.control.resetRequests();
    await exchange({ subject_token: await tenant.control.mintLegacyToken({ sub: 'alice' }), scope: 'openid' });
    const [record] = tenant.control.tokenRequests({ grantType: GRANT });
    assert.equal(record.subjectTokenType, 'urn:example:external-token');
    assert.equal(record.status, 200);
  });
});
