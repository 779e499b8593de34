import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { UseDpopNonceError } from '../../../src/index.js';
import { jwkThumbprint } from '../../../src/dpop/thumbprint.js';
import { cleanSlate, facts, failure, jwtPayload, newClient, popupLogin } from '../engine/helpers.js';
import { decodeJwt, proofSignatureValid, tokenRequests } from './helpers.js';

/** A DPoP client for the default API, with no key or nonce left from an earlier test. */
async function dpopClient(options = {}) {
  const { apis } = await facts();
  const client = await newClient({ useDpop: true, authorizationParams: { audience: apis.default }, ...options });
  await client.logout({ openUrl: false });
  await tenant.control('resetRequests');
  return client;
}

describe('DPoP at the tenant (RFC 9449 §5, §8, §10)', () => {
  beforeEach(cleanSlate);
  afterEach(() => tenant.control('requireDpopNonce', false));

  it('binds the login to the key: dpop_jkt at /authorize, a §4.2 proof at /oauth/token, a DPoP-bound token', async () => {
    const { domain } = await facts();
    const client = await dpopClient();
    await popupLogin(client);
    const [authorize] = await tenant.control<any[]>('requests', { path: '/authorize' });
    const [token, ...others] = await tokenRequests();
    expect(others).to.have.length(0);
    expect(token.status).to.equal(200);
    expect(token.grantType).to.equal('authorization_code');

    const proof = decodeJwt(token.dpop!);
    expect(proof.header.typ).to.equal('dpop+jwt');
    expect(proof.header.alg).to.equal('ES256');
    expect(Object.keys(proof.header.jwk).sort()).to.deep.equal(['crv', 'kty', 'x', 'y']); // public members only
    expect(proof.header.jwk).to.include({ kty: 'EC', crv: 'P-256' });
    expect(await proofSignatureValid(token.dpop!)).to.equal(true);
    expect(proof.payload.htm).to.equal('POST');
    expect(proof.payload.htu).to.equal(`${domain}/oauth/token`);
    expect(Math.abs(proof.payload.iat - Date.now() / 1000)).to.be.below(10);
    expect(proof.payload.jti).to.be.a('string').with.length.above(15);
    expect(proof.payload).not.to.have.property('ath'); // no access token yet
    expect(proof.payload).not.to.have.property('nonce'); // the tenant asked for none

    const jkt = await jwkThumbprint(proof.header.jwk);
    expect(authorize.dpopJkt).to.equal(jkt);
    const detailed = await client.getTokenSilently({ detailedResponse: true, cacheMode: 'cache-only' });
    expect(detailed.token_type).to.equal('DPoP');
    expect(jwtPayload(detailed.access_token).cnf).to.deep.equal({ jkt });
  });

  it('a silent renewal (iframe, code grant) signs with the same key and a new jti', async () => {
    const client = await dpopClient();
    await popupLogin(client);
    await client.getTokenSilently({ cacheMode: 'off' });
    const proofs = (await tokenRequests()).map((request) => decodeJwt(request.dpop!));
    expect(proofs).to.have.length(2);
    expect(proofs[1].header.jwk).to.deep.equal(proofs[0].header.jwk);
    expect(proofs[1].payload.jti).to.not.equal(proofs[0].payload.jti);
  });

  it('nonces: use_dpop_nonce is retried once with the nonce the tenant sent; after rotateDpopNonce, again', async () => {
    await tenant.control('requireDpopNonce', true);
    const client = await dpopClient();
    await popupLogin(client);
    let requests = await tokenRequests();
    expect(requests.map((r) => r.status)).to.deep.equal([400, 200]);
    const [rejected, accepted] = requests.map((r) => decodeJwt(r.dpop!).payload);
    expect(rejected).not.to.have.property('nonce');
    expect(accepted.nonce).to.be.a('string').and.not.empty;
    expect(accepted.jti).to.not.equal(rejected.jti); // a new proof for the retry
    expect(await client.getDpopNonce()).to.be.a('string');

    // The tenant forgets its nonces: the stored one is now stale and gets replaced.
    await tenant.control('rotateDpopNonce');
    await tenant.control('resetRequests');
    const detailed = await client.getTokenSilently({ cacheMode: 'off', detailedResponse: true });
    expect(detailed.token_type).to.equal('DPoP');
    requests = await tokenRequests();
    expect(requests.map((r) => r.status)).to.deep.equal([400, 200]);
    const [stale, fresh] = requests.map((r) => decodeJwt(r.dpop!).payload);
    expect(stale.nonce).to.equal(accepted.nonce);
    expect(fresh.nonce).to.be.a('string').and.not.equal(stale.nonce);
  });

  it('a nonce rejected twice → UseDpopNonceError, cache untouched', async () => {
    await tenant.control('requireDpopNonce', true);
    const client = await dpopClient();
    await popupLogin(client);
    const before = await client.getTokenSilently({ cacheMode: 'cache-only' });
    // At the network edge: every token request finds the tenant's nonces rotated just before it.
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      if (String(input instanceof Request ? input.url : input).endsWith('/oauth/token')) await tenant.control('rotateDpopNonce');
      return realFetch(input, init);
    };
    await tenant.control('resetRequests');
    let error: any;
    try {
      error = await failure(client.getTokenSilently({ cacheMode: 'off' }));
    } finally {
      window.fetch = realFetch;
    }
    expect(error).to.be.instanceOf(UseDpopNonceError);
    expect(error.error).to.equal('use_dpop_nonce');
    expect(error.newDpopNonce).to.be.a('string');
    expect((await tokenRequests()).map((r) => r.status)).to.deep.equal([400, 400]);
    expect(await client.getTokenSilently({ cacheMode: 'cache-only' })).to.equal(before);
  });

  for (const cacheLocation of ['memory', 'localstorage'] as const) {
    it(`refresh_token grant (${cacheLocation === 'memory' ? 'sent by the worker' : 'from the cache entry'}): a proof made with the same key, the nonce retry too`, async () => {
      await tenant.control('requireDpopNonce', true);
      const client = await dpopClient({ useRefreshTokens: true, cacheLocation });
      await popupLogin(client);
      const login = decodeJwt((await tokenRequests()).at(-1)!.dpop!);
      await tenant.control('rotateDpopNonce');
      await tenant.control('resetRequests');
      const detailed = await client.getTokenSilently({ cacheMode: 'off', detailedResponse: true });
      expect(detailed.token_type).to.equal('DPoP');
      const requests = await tokenRequests();
      expect(requests.map((r) => [r.grantType, r.status])).to.deep.equal([['refresh_token', 400], ['refresh_token', 200]]);
      const [stale, fresh] = requests.map((r) => decodeJwt(r.dpop!));
      expect(fresh.header.jwk).to.deep.equal(login.header.jwk);
      expect(fresh.payload.htu).to.equal(`${(await facts()).domain}/oauth/token`);
      expect(fresh.payload.nonce).to.be.a('string').and.not.equal(stale.payload.nonce);
      expect(jwtPayload(detailed.access_token).cnf.jkt).to.equal(await jwkThumbprint(login.header.jwk));
    });
  }

  it('custom token exchange (RFC 8693): the exchange carries a proof and gets a DPoP-bound token', async () => {
    const info = (await tenant.info()) as any;
    const client = await dpopClient();
    const subject_token = await tenant.control<string>('mintLegacyToken', { sub: info.users.alice.username });
    const answer = await client.loginWithCustomTokenExchange({ subject_token, subject_token_type: info.tokenExchange.subjectTokenType });
    expect(answer.token_type).to.equal('DPoP');
    const [request] = await tokenRequests();
    expect(request.grantType).to.equal('urn:ietf:params:oauth:grant-type:token-exchange');
    const proof = decodeJwt(request.dpop!);
    expect(jwtPayload(answer.access_token).cnf.jkt).to.equal(await jwkThumbprint(proof.header.jwk));
  });

  it('without useDpop: no dpop_jkt, no proof, a Bearer token', async () => {
    const { apis } = await facts();
    const client = await newClient({ authorizationParams: { audience: apis.default } });
    await tenant.control('resetRequests');
    await popupLogin(client);
    const [authorize] = await tenant.control<any[]>('requests', { path: '/authorize' });
    expect(authorize).not.to.have.property('dpopJkt');
    const [token] = await tokenRequests();
    expect(token).not.to.have.property('dpop');
    const detailed = await client.getTokenSilently({ detailedResponse: true, cacheMode: 'cache-only' });
    expect(detailed.token_type).to.equal('Bearer');
    expect(jwtPayload(detailed.access_token)).not.to.have.property('cnf');
    for (const call of [() => client.getDpopNonce(), () => client.generateDpopProof({ url: 'https://x.example/', method: 'GET', accessToken: 'at' })]) {
      expect(await failure(call())).to.be.instanceOf(TypeError);
    }
  });
});
