// RFC 7638 JWK thumbprints: the key a DPoP-bound token's cnf.jkt names (RFC 9449 §6.1).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { jwkThumbprint } from '../../lib/src/server/index.js';

test('RFC 7638 §3.1 example key → NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs', () => {
  const jwk = {
    kty: 'RSA',
    n:
      '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiF' +
      'V4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbI' +
      'SD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
    e: 'AQAB',
    alg: 'RS256',
    kid: '2011-04-29',
  };
  assert.equal(jwkThumbprint(jwk), 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
});

test('an ES256 key: members in order, optional members ignored, same as jose', async () => {
  const { publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  const expected = await calculateJwkThumbprint(jwk, 'sha256');
  assert.equal(jwkThumbprint(jwk), expected);
  assert.equal(jwkThumbprint({ y: jwk.y, x: jwk.x, kid: 'k', use: 'sig', crv: jwk.crv, kty: 'EC' }), expected);
  assert.notEqual(jwkThumbprint({ ...jwk, x: jwk.y }), expected);
});

test('a JWK without kty or a required member is a TypeError', () => {
  assert.throws(() => jwkThumbprint({ crv: 'P-256', x: 'a', y: 'b' }), TypeError);
  assert.throws(() => jwkThumbprint({ kty: 'EC', crv: 'P-256', x: 'a' }), TypeError);
  assert.throws(() => jwkThumbprint({ kty: 'XYZ' }), TypeError);
});
