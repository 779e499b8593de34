// The demo API's cart (demo/api/cart.js) on the real local tenant: an anonymous session's token
// (Bearer, anon@…) fills a cart; a login that took the session along (anon_transfer_token) gets
// tokens naming it (anonymous_sub), and the first cart call with them moves the cart over, once.
// A login without the ticket, or another user, finds nothing of it. /api/messages stays DPoP-only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTenant } from '../../demo/tenant/index.js';
import { startDemoApi } from '../../demo/api/index.js';
import { APP_ORIGIN, Browser, login } from '../support/tenant-flow.mjs';

const audience = 'https://api.example.com';
let tenant;
let api;

before(async () => {
  tenant = await startTenant({ appOrigins: [APP_ORIGIN], quiet: true });
  api = await startDemoApi({ domain: tenant.domain, audience, appOrigins: [APP_ORIGIN], dpopNonce: true });
});
after(async () => {
  await api?.close();
  await tenant?.close();
});

const clientId = () => tenant.info.clients.spa.clientId;

async function anonymous(body) {
  const response = await fetch(`${tenant.issuer}anonymous/token`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: APP_ORIGIN }, body: JSON.stringify({ client_id: clientId(), ...body }),
  });
  assert.equal(response.status, 200);
  return response.json();
}

async function cart(token, change) {
  const response = await fetch(`${api.url}/api/cart`, {
    method: change ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${token}`, origin: APP_ORIGIN, ...(change && { 'content-type': 'application/json' }) },
    ...(change && { body: JSON.stringify(change) }),
  });
  return { status: response.status, cors: response.headers.get('access-control-allow-origin'), body: await response.json() };
}

/** A login as `user` (Bearer tokens: no DPoP here), taking the anonymous session along when `session` is given. */
async function userToken(user, session) {
  const params = { audience, scope: 'openid profile read:messages' };
  if (session) params.anon_transfer_token = (await anonymous({ session_token: session.session_token, audience: 'urn:auth0:anon_transfer' })).anon_transfer_token;
  const tokens = await login(new Browser(tenant.domain), tenant, { user, params });
  assert.equal(tokens.status, 200, tokens.text);
  return tokens.data.access_token;
}

const items = (answer) => answer.body.items.map(({ id, quantity }) => [id, quantity]);

describe('demo API: the cart', { timeout: 30_000 }, () => {
  test('an anonymous visitor fills a cart with the anonymous token; another visitor has their own', async () => {
    const visitor = await anonymous({ audience });
    assert.deepEqual((await cart(visitor.access_token)).body, { owner: 'anonymous', items: [] });
    await cart(visitor.access_token, { add: 'tote' });
    await cart(visitor.access_token, { add: 'mug' });
    const answer = await cart(visitor.access_token, { add: 'tote' });
    assert.equal(answer.status, 200);
    assert.equal(answer.cors, APP_ORIGIN);
    assert.deepEqual(answer.body.items, [{ id: 'tote', name: 'Northwind tote bag', quantity: 2 }, { id: 'mug', name: 'Newsroom mug', quantity: 1 }]);
    assert.deepEqual(items(await cart(visitor.access_token, { remove: 'tote' })), [['tote', 1], ['mug', 1]]);
    const other = await anonymous({ audience });
    assert.deepEqual(items(await cart(other.access_token)), []);
  });

  test('the login that took the session along gets the cart, once; the anonymous cart is gone', async () => {
    const visitor = await anonymous({ audience });
    await cart(visitor.access_token, { add: 'weekend' });
    await cart(visitor.access_token, { add: 'mug' });
    const bob = await userToken('bob', visitor);
    const first = await cart(bob);
    assert.deepEqual(first.body, {
      owner: 'user',
      items: [{ id: 'weekend', name: 'Weekend print edition', quantity: 1 }, { id: 'mug', name: 'Newsroom mug', quantity: 1 }],
      moved: 2,
    });
    const again = await cart(bob);
    assert.equal(again.body.moved, undefined, 'moved once');
    assert.deepEqual(items(again), [['weekend', 1], ['mug', 1]]);
    assert.deepEqual(items(await cart(visitor.access_token)), [], 'the anonymous cart is empty now');
    await cart(bob, { clear: true });
  });

  test('a login without the ticket, or another user, does not get the visitor cart', async () => {
    const visitor = await anonymous({ audience });
    await cart(visitor.access_token, { add: 'tote' });
    const alice = await userToken('alice');
    await cart(alice, { clear: true });
    assert.deepEqual(items(await cart(alice)), []);
    assert.deepEqual(items(await cart(visitor.access_token)), [['tote', 1]], 'still the visitor’s');
  });

  test('bad changes: 400 invalid_request; no token: 401; /api/messages still refuses Bearer tokens', async () => {
    const visitor = await anonymous({ audience });
    for (const change of [{ add: 'car' }, { remove: '__proto__' }, {}]) {
      const answer = await cart(visitor.access_token, change);
      assert.equal(answer.status, 400, JSON.stringify(change));
      assert.equal(answer.body.error, 'invalid_request');
    }
    assert.equal((await fetch(`${api.url}/api/cart`)).status, 401);
    const messages = await fetch(`${api.url}/api/messages`, { headers: { authorization: `Bearer ${visitor.access_token}` } });
    assert.equal(messages.status, 401);
  });
});
