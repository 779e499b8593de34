import { expect } from '@open-wc/testing';
import { codeChallengeS256, createPkcePair } from '../../../src/pkce.js';
import { randomString } from '../../../src/random.js';
import { newClient } from './helpers.js';

/** Starts a redirect login without leaving the page and returns the authorize URL it would open. */
async function authorizeUrl(client: Awaited<ReturnType<typeof newClient>>, options = {}): Promise<URL> {
  let opened = '';
  await client.loginWithRedirect({ ...options, openUrl: (url) => void (opened = url) });
  return new URL(opened);
}

describe('PKCE, state and nonce', () => {
  afterEach(() => {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith('a0.spajs.txs.')) sessionStorage.removeItem(key);
  });

  it('RFC 7636 Appendix B: verifier dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk → challenge E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', async () => {
    expect(await codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).to.equal('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes 43-character verifiers of the RFC 7636 §4.1 alphabet, different every time, with their S256 challenge', async () => {
    const pairs = await Promise.all(Array.from({ length: 20 }, () => createPkcePair()));
    for (const { code_verifier, code_challenge } of pairs) {
      expect(code_verifier).to.match(/^[A-Za-z0-9\-._~]{43}$/);
      expect(code_challenge).to.equal(await codeChallengeS256(code_verifier));
    }
    expect(new Set(pairs.map((p) => p.code_verifier)).size).to.equal(20);
    expect(new Set(Array.from({ length: 50 }, randomString)).size).to.equal(50);
  });

  it('sends S256 with the challenge of the stored verifier, fresh state and nonce per login', async () => {
    const client = await newClient({ authorizationParams: { redirect_uri: `${location.origin}/callback` } });
    const first = await authorizeUrl(client);
    const transaction = JSON.parse(sessionStorage.getItem(`a0.spajs.txs.${first.searchParams.get('client_id')}`)!);
    const q = first.searchParams;
    expect(q.get('code_challenge_method')).to.equal('S256');
    expect(q.get('code_challenge')).to.equal(await codeChallengeS256(transaction.code_verifier));
    expect(q.get('state')).to.equal(transaction.state);
    expect(q.get('nonce')).to.equal(transaction.nonce);
    expect(q.get('state')).to.not.equal(q.get('nonce'));
    expect(q.get('response_type')).to.equal('code');
    expect(q.get('response_mode')).to.equal('query');
    expect(q.get('scope')).to.equal('openid profile email');
    expect(q.get('redirect_uri')).to.equal(`${location.origin}/callback`);
    expect(q.has('code_verifier')).to.equal(false);
    const second = (await authorizeUrl(client)).searchParams;
    for (const name of ['state', 'nonce', 'code_challenge']) expect(second.get(name)).to.not.equal(q.get(name));
  });
});
