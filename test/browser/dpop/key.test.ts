import { expect } from '@open-wc/testing';
import { cleanSlate, facts, failure, frame, newClient, nextFixtureMessage } from '../engine/helpers.js';
import { jwkThumbprint } from '../../../src/dpop/thumbprint.js';
import { decodeJwt, proofSignatureValid, storedKeyPair } from './helpers.js';

/** Loads the key page in `iframe` (or reloads it) and waits for its report. */
async function keyPage(iframe: HTMLIFrameElement, action: 'proof' | 'logout' | 'reload') {
  const message = nextFixtureMessage('dpop-test-key-page');
  if (action === 'reload') iframe.contentWindow!.location.reload();
  else {
    const { domain, clientId } = await facts();
    iframe.src = `/test/fixtures/dpop/key-page.html?${new URLSearchParams({ domain, clientId, action })}`;
  }
  const report = await message;
  expect(report.step, report.error).to.not.equal('error');
  return report;
}

const jwkOf = (proof: string) => decodeJwt(proof).header.jwk;

describe('DPoP key pair (ES256, non-extractable, in IndexedDB)', () => {
  let iframe: HTMLIFrameElement;
  beforeEach(async () => {
    await cleanSlate();
    await (await newClient({ useDpop: true })).logout({ openUrl: false });
    iframe = frame();
  });
  afterEach(() => iframe.remove());

  it('is ES256 with a private key that cannot be exported', async () => {
    const { proof } = await keyPage(iframe, 'proof');
    const stored = await storedKeyPair();
    expect(stored, 'a key pair in IndexedDB').to.exist;
    const { privateKey, publicKey } = stored!;
    expect(privateKey.extractable).to.equal(false);
    expect(privateKey.algorithm).to.deep.equal({ name: 'ECDSA', namedCurve: 'P-256' });
    expect(privateKey.usages).to.deep.equal(['sign']);
    for (const format of ['jwk', 'pkcs8'] as const) {
      const error = await failure(crypto.subtle.exportKey(format, privateKey));
      expect(error.name).to.equal('InvalidAccessError');
    }
    // The stored public key is the one in the proofs.
    const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', publicKey);
    expect({ kty, crv, x, y }).to.deep.equal(jwkOf(proof));
    expect(await proofSignatureValid(proof)).to.equal(true);
  });

  it('survives a reload: the reloaded page signs with the same key', async () => {
    const first = await keyPage(iframe, 'proof');
    const second = await keyPage(iframe, 'reload');
    expect(jwkOf(second.proof)).to.deep.equal(jwkOf(first.proof));
    expect(decodeJwt(second.proof).payload.jti).to.not.equal(decodeJwt(first.proof).payload.jti);
    // Another engine of the same client on another page of the origin: the same key too.
    const here = await newClient({ useDpop: true });
    const third = await here.generateDpopProof({ url: 'https://api.example.com/', method: 'GET', accessToken: 'at' });
    expect(jwkOf(third)).to.deep.equal(jwkOf(first.proof));
  });

  it('a login binds to the key the origin has now, even when another page replaced it meanwhile', async () => {
    const { proof } = await keyPage(iframe, 'proof');
    const client = await newClient({ useDpop: true });
    await client.generateDpopProof({ url: 'https://api.example.com/', method: 'GET', accessToken: 'at' }); // key loaded here
    await keyPage(iframe, 'logout'); // another page logs out…
    const replaced = await keyPage(iframe, 'proof'); // …and the next one makes a new key
    let url = '';
    await client.loginWithRedirect({ openUrl: (target) => void (url = target) });
    const dpopJkt = new URL(url).searchParams.get('dpop_jkt');
    expect(dpopJkt).to.equal(await jwkThumbprint(jwkOf(replaced.proof)));
    expect(dpopJkt).to.not.equal(await jwkThumbprint(jwkOf(proof)));
  });

  it('is gone after logout, with the nonces; the next page gets a new key', async () => {
    const first = await keyPage(iframe, 'proof');
    const client = await newClient({ useDpop: true });
    await client.setDpopNonce('tenant-nonce');
    await client.setDpopNonce('api-nonce', 'my-api');
    expect(await storedKeyPair()).to.exist;
    await keyPage(iframe, 'logout');
    expect(await storedKeyPair()).to.equal(undefined);
    const fresh = await newClient({ useDpop: true }); // a new engine reads storage, not memory
    expect(await fresh.getDpopNonce()).to.equal(undefined);
    expect(await fresh.getDpopNonce('my-api')).to.equal(undefined);
    const after = await keyPage(iframe, 'proof');
    expect(jwkOf(after.proof)).to.not.deep.equal(jwkOf(first.proof));
  });
});
