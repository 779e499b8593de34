import { expect } from '@open-wc/testing';
import { jwkThumbprint } from '../../../src/dpop/thumbprint.js';

describe('JWK thumbprint (RFC 7638)', () => {
  it('RFC 7638 §3.1: the example RSA key → NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs', async () => {
    const jwk = {
      kty: 'RSA',
      n:
        '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMs' +
        'tn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91' +
        'CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
      e: 'AQAB',
      alg: 'RS256',
      kid: '2011-04-29',
    };
    expect(await jwkThumbprint(jwk)).to.equal('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });

  it('EC keys: only crv, kty, x, y count, in that order', async () => {
    const { publicKey } = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const jwk = await crypto.subtle.exportKey('jwk', publicKey);
    const canonical = `{"crv":"${jwk.crv}","kty":"EC","x":"${jwk.x}","y":"${jwk.y}"}`;
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical)));
    const expected = btoa(String.fromCharCode(...digest)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(await jwkThumbprint({ ...jwk, ext: true, key_ops: ['verify'] })).to.equal(expected);
  });

  it('refuses key types it does not know and keys missing a member (TypeError)', async () => {
    for (const jwk of [{ kty: 'oct', k: 'AAAA' }, { kty: 'EC', crv: 'P-256', x: 'AAAA' }, {}]) {
      let error: unknown;
      try {
        await jwkThumbprint(jwk as JsonWebKey);
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(TypeError);
    }
  });
});
