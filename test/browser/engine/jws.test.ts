// The RS256 verifier behind ID-token checks, fed tokens made here with WebCrypto: the refusals a
// JOSE library must make (RFC 7515 §4.1.11, RFC 8725 §2.1, §3.1) are made here too.
import { expect } from '@open-wc/testing';
import { verifyRs256, type Jwk } from '../../../src/jws.js';
import { GenericError } from '../../../src/errors.js';
import { base64url } from '../../../src/random.js';

const encoder = new TextEncoder();
const part = (value: unknown) => base64url(encoder.encode(JSON.stringify(value)));

async function rsaKey(modulusLength = 2048) {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  );
  const jwk = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as Jwk;
  return { privateKey: pair.privateKey, jwk: { ...jwk, kid: 'k1' } };
}

async function sign(privateKey: CryptoKey, header: object, payload: object) {
  const input = `${part(header)}.${part(payload)}`;
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', privateKey, encoder.encode(input));
  return `${input}.${base64url(new Uint8Array(signature))}`;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(GenericError);
    return (error as GenericError).error;
  }
  throw new Error('expected a refusal');
}

describe('verifyRs256 (ID-token signatures)', () => {
  it('returns the payload of a token signed by the resolved key', async () => {
    const { privateKey, jwk } = await rsaKey();
    const token = await sign(privateKey, { alg: 'RS256', kid: 'k1' }, { sub: 'auth0|x' });
    let askedFor: unknown;
    const payload = await verifyRs256(token, async (header) => ((askedFor = header.kid), jwk));
    expect(payload).to.deep.equal({ sub: 'auth0|x' });
    expect(askedFor).to.equal('k1');
  });

  it('refuses a signature made by another key', async () => {
    const signer = await rsaKey();
    const other = await rsaKey();
    const token = await sign(signer.privateKey, { alg: 'RS256', kid: 'k1' }, { sub: 'x' });
    expect(await refusal(verifyRs256(token, async () => other.jwk))).to.equal('id_token_signature_invalid');
  });

  it('refuses a payload changed after signing', async () => {
    const { privateKey, jwk } = await rsaKey();
    const [h, , s] = (await sign(privateKey, { alg: 'RS256' }, { sub: 'x' })).split('.');
    const forged = `${h}.${part({ sub: 'admin' })}.${s}`;
    expect(await refusal(verifyRs256(forged, async () => jwk))).to.equal('id_token_signature_invalid');
  });

  it('refuses alg none and an HMAC alg keyed with the public key (algorithm confusion)', async () => {
    const { jwk } = await rsaKey();
    const none = `${part({ alg: 'none' })}.${part({ sub: 'x' })}.`;
    expect(await refusal(verifyRs256(none, async () => jwk))).to.equal('id_token_invalid');
    const hmacKey = await crypto.subtle.importKey('raw', encoder.encode(jwk.n!), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const input = `${part({ alg: 'HS256' })}.${part({ sub: 'x' })}`;
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, encoder.encode(input)));
    expect(await refusal(verifyRs256(`${input}.${base64url(mac)}`, async () => jwk))).to.equal('id_token_invalid');
  });

  it('refuses crit extensions it does not understand, weak keys and malformed tokens', async () => {
    const strong = await rsaKey();
    const crit = await sign(strong.privateKey, { alg: 'RS256', crit: ['exp'], exp: 1 }, { sub: 'x' });
    expect(await refusal(verifyRs256(crit, async () => strong.jwk))).to.equal('id_token_invalid');
    const weak = await rsaKey(1024);
    const short = await sign(weak.privateKey, { alg: 'RS256' }, { sub: 'x' });
    expect(await refusal(verifyRs256(short, async () => weak.jwk))).to.equal('id_token_invalid');
    expect(await refusal(verifyRs256('a.b', async () => strong.jwk))).to.equal('id_token_invalid');
    expect(await refusal(verifyRs256('e30.e30.!!', async () => strong.jwk))).to.equal('id_token_invalid');
  });
});
