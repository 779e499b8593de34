// The tenant's test-only switches (faults at each endpoint, tampered ID tokens), its quiet mode,
// and its CLI.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { startTenant } from '../../demo/tenant/index.js';
import { APP_ORIGIN, Browser, authorize, login, tokenRequest } from '../support/tenant-flow.mjs';

/** @type {Awaited<ReturnType<typeof startTenant>>} */
let tenant;

before(async () => {
  tenant = await startTenant({ appOrigins: [APP_ORIGIN], quiet: true });
});
after(() => tenant.close());

/** A code ready to exchange, so a fault on the token endpoint hits exactly the exchange. */
async function codeExchange() {
  const flow = await authorize(new Browser(tenant.domain), tenant);
  return {
    grant_type: 'authorization_code', client_id: tenant.info.clients.spa.clientId,
    code: flow.params.get('code'), code_verifier: flow.tx.verifier, redirect_uri: flow.tx.redirectUri,
  };
}

describe('tenant switches: faults', () => {
  it('500: the next token request answers a JSON error with status 500, readable by the app origin', async () => {
    const body = await codeExchange();
    tenant.control.fault('token', '500');
    const failed = await tokenRequest(tenant, body, { headers: { origin: APP_ORIGIN } });
    assert.equal(failed.status, 500);
    assert.equal(failed.data.error, 'server_error');
    assert.equal(failed.headers.get('access-control-allow-origin'), APP_ORIGIN);
    const next = await tokenRequest(tenant, body);
    assert.equal(next.status, 200, 'only one request failed, and the failed one did not use the code');
  });

  it('malformed: 200 with a body that is not JSON', async () => {
    tenant.control.fault('token', 'malformed');
    const response = await tokenRequest(tenant, await codeExchange());
    assert.equal(response.status, 200);
    assert.equal(response.data, undefined);
    assert.ok(response.text.length > 0);
  });

  it('network: the socket is destroyed without a response', async () => {
    tenant.control.fault('token', 'network');
    await assert.rejects(tokenRequest(tenant, await codeExchange()), TypeError);
    assert.equal(tenant.control.requests({ path: '/oauth/token' }).at(-1).status, 0);
  });

  it('hang: no answer at all, until the client gives up', async () => {
    tenant.control.fault('token', 'hang');
    const started = Date.now();
    await assert.rejects(
      fetch(`${tenant.issuer}oauth/token`, { method: 'POST', body: new URLSearchParams(await codeExchange()), signal: AbortSignal.timeout(300) }),
      { name: 'TimeoutError' },
    );
    assert.ok(Date.now() - started >= 290);
  });

  it('times: fails that many requests, then answers normally; clearFaults() disarms', async () => {
    tenant.control.fault('jwks', '500', 2);
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await fetch(`${tenant.issuer}.well-known/jwks.json`)).status);
    assert.deepEqual(statuses, [500, 500, 200]);
    tenant.control.fault('jwks', '500', 5);
    tenant.control.clearFaults();
    assert.equal((await fetch(`${tenant.issuer}.well-known/jwks.json`)).status, 200);
  });

  it('reaches every target: authorize, jwks, userinfo, revoke, logout', async () => {
    const tokens = await login(new Browser(tenant.domain), tenant);
    const calls = {
      authorize: () => fetch(`${tenant.issuer}authorize?client_id=x`, { redirect: 'manual' }),
      jwks: () => fetch(`${tenant.issuer}.well-known/jwks.json`),
      userinfo: () => fetch(`${tenant.issuer}userinfo`, { headers: { authorization: `Bearer ${tokens.data.access_token}` } }),
      revoke: () => fetch(`${tenant.issuer}oauth/revoke`, { method: 'POST', body: new URLSearchParams({ client_id: 'x', token: 'y' }) }),
      logout: () => fetch(`${tenant.issuer}v2/logout`, { redirect: 'manual' }),
    };
    for (const [target, call] of Object.entries(calls)) {
      tenant.control.fault(target, '500');
      assert.equal((await call()).status, 500, target);
      assert.notEqual((await call()).status, 500, `${target} recovers`);
    }
  });

  it('never fails a CORS preflight', async () => {
    tenant.control.fault('token', '500');
    const preflight = await fetch(`${tenant.issuer}oauth/token`, {
      method: 'OPTIONS', headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.status, 204);
    assert.equal((await tokenRequest(tenant, { grant_type: 'refresh_token' })).status, 500);
  });

  it('rejects unknown targets and kinds', () => {
    assert.throws(() => tenant.control.fault('nope', '500'), TypeError);
    assert.throws(() => tenant.control.fault('token', '404'), TypeError);
    assert.throws(() => tenant.control.tamperIdToken('nope'), TypeError);
  });
});

describe('tenant switches: tampered ID tokens', () => {
  let keySet;
  let spa;
  before(async () => {
    keySet = createLocalJWKSet(await (await fetch(`${tenant.issuer}.well-known/jwks.json`)).json());
    spa = tenant.info.clients.spa.clientId;
  });

  /** Logs in (to acme, so org claims exist) with the switch armed; returns the ID token and nonce. */
  async function tampered(kind) {
    tenant.control.tamperIdToken(kind);
    const tokens = await login(new Browser(tenant.domain), tenant, { params: { organization: 'acme' } });
    assert.equal(tokens.status, 200, tokens.text);
    return { idToken: tokens.data.id_token, nonce: tokens.tx.nonce };
  }

  const verify = (idToken) => jwtVerify(idToken, keySet, { issuer: tenant.issuer, audience: spa });

  it('bad-signature: same kid, signature that does not verify against the JWKS', async () => {
    const { idToken } = await tampered('bad-signature');
    assert.equal(decodeProtectedHeader(idToken).kid, (await (await fetch(`${tenant.issuer}.well-known/jwks.json`)).json()).keys[0].kid);
    await assert.rejects(verify(idToken), errors.JWSSignatureVerificationFailed);
  });

  it('wrong-issuer and wrong-audience are validly signed but fail those checks', async () => {
    await assert.rejects(verify((await tampered('wrong-issuer')).idToken), { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'iss' });
    await assert.rejects(verify((await tampered('wrong-audience')).idToken), { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' });
  });

  it('expired and future-nbf fail the time checks even with a minute of leeway', async () => {
    await assert.rejects(jwtVerify((await tampered('expired')).idToken, keySet, { clockTolerance: 60 }), errors.JWTExpired);
    await assert.rejects(jwtVerify((await tampered('future-nbf')).idToken, keySet, { clockTolerance: 60 }), { claim: 'nbf' });
  });

  it('wrong-nonce, wrong-org and no-sub verify but carry the wrong claims', async () => {
    const nonce = await tampered('wrong-nonce');
    assert.notEqual((await verify(nonce.idToken)).payload.nonce, nonce.nonce);
    const org = (await verify((await tampered('wrong-org')).idToken)).payload;
    assert.notEqual(org.org_id, tenant.info.organizations.acme.id);
    assert.notEqual(org.org_name, 'acme');
    assert.equal((await verify((await tampered('no-sub')).idToken)).payload.sub, undefined);
  });

  it('proto-claims: validly signed, with __proto__, constructor and prototype as claims of their own', async () => {
    const { idToken } = await tampered('proto-claims');
    await verify(idToken);
    const text = Buffer.from(idToken.split('.')[1], 'base64url').toString();
    const payload = JSON.parse(text); // JSON.parse keeps "__proto__" an own property
    assert.deepEqual(Object.getOwnPropertyDescriptor(payload, '__proto__')?.value, { polluted: true });
    assert.equal(payload.constructor, 'evil');
    assert.deepEqual(payload.prototype, { polluted: true });
  });

  it('applies to one ID token only', async () => {
    await tampered('wrong-issuer');
    const tokens = await login(new Browser(tenant.domain), tenant);
    assert.equal(decodeJwt(tokens.data.id_token).iss, tenant.issuer);
    await verify(tokens.data.id_token);
  });
});

describe('tenant: lifecycle, quiet mode and CLI', () => {
  const index = fileURLToPath(new URL('../../demo/tenant/index.js', import.meta.url));
  const cli = fileURLToPath(new URL('../../demo/tenant/cli.js', import.meta.url));

  async function run(args, stopWhen) {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const deadline = Date.now() + 10_000;
    while (!stopWhen(stdout) && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    if (child.exitCode === null) child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
    return { stdout, stderr };
  }

  it('prints nothing when quiet, through a whole login', async () => {
    const script = `
      const { startTenant } = await import(${JSON.stringify(index)});
      const t = await startTenant({ quiet: true, appOrigins: ['http://127.0.0.1:4999'] });
      const r = await fetch(t.issuer + 'authorize?client_id=demo-spa-client&response_type=code&scope=openid&redirect_uri=http://127.0.0.1:4999&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256', { redirect: 'manual' });
      await fetch(t.issuer + '.well-known/openid-configuration');
      await t.close();
      process.stdout.write('done ' + r.status);`;
    const { stdout, stderr } = await run(['--input-type=module', '-e', script], (out) => out.startsWith('done'));
    assert.equal(stdout, 'done 303');
    assert.equal(stderr, '');
  });

  it('close() ends hung requests too', async () => {
    const own = await startTenant({ quiet: true });
    own.control.fault('token', 'hang');
    const pending = fetch(`${own.issuer}oauth/token`, { method: 'POST', body: 'grant_type=x' }).then(() => 'answered', () => 'ended');
    await new Promise((r) => setTimeout(r, 50));
    await own.close();
    assert.equal(await pending, 'ended');
  });

  it('the CLI prints the issuer and takes --port and repeated --origin', async () => {
    const { stdout } = await run([cli, '--quiet', '--port', '0', '--origin', APP_ORIGIN, '--origin', 'http://127.0.0.1:5000'], (out) => out.includes('\n'));
    assert.match(stdout, /^http:\/\/127\.0\.0\.1:\d+\/\n$/);
  });

  it('the CLI refuses a malformed origin', async () => {
    const { stderr } = await run([cli, '--origin', 'not-an-origin'], () => false);
    assert.match(stderr, /--origin must be an origin/);
  });
});
