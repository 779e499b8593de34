// The demo's anonymous cart, end to end on `npm start` in Chromium (issue 17): a visitor who has
// not logged in adds to the shop's cart — the first item starts an anonymous session
// (client.anonymous, kept in localStorage) and the demo API keeps the cart under its identity —,
// the cart survives a reload, then the visitor logs in through the tenant's real login page: the
// login takes the anonymous session along (anon_transfer_token on /authorize), the API moves the
// cart to the user's account and the page ends the anonymous session. After logging out the
// visitor's cart is empty (a new visitor); logging in again finds the user's cart. Needs the build.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { chromeArgs, findChrome } from '../support/chrome.mjs';
import { startDemo } from '../support/demo-process.mjs';

const ANONYMOUS_SESSION = /^@@auth0spajs@@::[\w-]+::anonymous::session$/;
let demo;
let origin;
let output;
let browser;
let page;
/** Every /authorize request the page sent, with its query. */
const authorizeRequests = [];

before(async () => {
  demo = await startDemo();
  ({ origin, output } = demo);
  browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: chromeArgs() });
  page = await browser.newPage();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/authorize') authorizeRequests.push(url.searchParams);
  });
});

after(async () => {
  await browser?.close();
  await demo?.stop();
});

/** The provider's status once it has settled. */
const settled = () => page.waitForFunction(() => {
  const status = document.querySelector('auth0-provider')?.status;
  return (status === 'anonymous' || status === 'authenticated') && status;
}, { timeout: 30_000 }).then((handle) => handle.jsonValue());

/** The cart as the page shows it, once it has answered for `owner` with `count` items. */
async function cartShown(owner, count) {
  await page.waitForFunction((o, c) => {
    const shop = document.querySelector('#shop');
    return shop.dataset.owner === o && shop.dataset.count === String(c) && !shop.hasAttribute('aria-busy');
  }, { timeout: 30_000 }, owner, count);
  return page.evaluate(() => ({
    items: [...document.querySelectorAll('#cart-items li span')].map((item) => item.textContent),
    note: document.querySelector('#cart-status').textContent,
    anonymousSession: Object.keys(localStorage).filter((key) => /::anonymous::session$/.test(key)),
  }));
}

async function add(product) {
  await page.click(`#shop button[data-add="${product}"]`);
}

async function logIn() {
  const [, username, password] = output.match(/Log in as (\S+) \/ (\S+)/);
  const button = await page.waitForSelector('.site-header auth0-login-button >>> button', { visible: true }); // shown once the session is known
  await Promise.all([page.waitForNavigation(), button.click()]);
  assert.match(new URL(page.url()).pathname, /^\/u\/login\//);
  await page.type('input[name=username]', username);
  await page.type('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('[type=submit]')]);
  await page.waitForFunction((o) => location.origin === o, { timeout: 20_000 }, origin);
  assert.equal(await settled(), 'authenticated');
}

test('a visitor fills the cart: an anonymous session holds it, and it survives a reload', { timeout: 90_000 }, async () => {
  await page.goto(`${origin}/`);
  assert.equal(await settled(), 'anonymous');
  // Nothing in the cart, and no anonymous session before the first item.
  assert.equal(await page.evaluate(() => document.querySelector('#cart-status').textContent), 'Your cart is empty.');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.includes('::anonymous'))), []);

  await add('tote');
  await cartShown('anonymous', 1);
  await add('mug');
  await cartShown('anonymous', 2);
  await add('tote');
  const cart = await cartShown('anonymous', 3);
  assert.deepEqual(cart.items, ['2 × Northwind tote bag', '1 × Newsroom mug']);
  assert.equal(cart.anonymousSession.length, 1);
  assert.match(cart.anonymousSession[0], ANONYMOUS_SESSION);

  await page.reload();
  assert.equal(await settled(), 'anonymous');
  assert.deepEqual((await cartShown('anonymous', 3)).items, ['2 × Northwind tote bag', '1 × Newsroom mug']);
});

test('logging in takes the cart along: the login carries anon_transfer_token, the user has the cart, the anonymous session ends', { timeout: 90_000 }, async () => {
  authorizeRequests.length = 0;
  await logIn();
  const cart = await cartShown('user', 3);
  assert.deepEqual(cart.items, ['2 × Northwind tote bag', '1 × Newsroom mug']);
  assert.equal(cart.note, 'The 3 items you chose before logging in are in your cart.');
  const login = authorizeRequests.find((params) => params.get('prompt') !== 'none');
  assert.ok(login?.get('anon_transfer_token'), 'the login sent anon_transfer_token');
  // The page ended the anonymous session once the cart had come over.
  await page.waitForFunction(() => !Object.keys(localStorage).some((key) => key.includes('::anonymous')), { timeout: 10_000 });

  // The user's cart is theirs from now on: a change, and a reload.
  await add('weekend');
  await cartShown('user', 4);
  await page.reload();
  assert.equal(await settled(), 'authenticated');
  const again = await cartShown('user', 4);
  assert.deepEqual(again.items, ['2 × Northwind tote bag', '1 × Newsroom mug', '1 × Weekend print edition']);
  assert.equal(again.note, 'Your cart.');
});

test('after logging out the visitor starts empty; logging in again finds the user cart', { timeout: 90_000 }, async () => {
  const logout = await page.waitForSelector('.site-header auth0-logout-button >>> button', { visible: true });
  await Promise.all([page.waitForNavigation(), logout.click()]);
  await page.waitForFunction((o) => location.origin === o, { timeout: 20_000 }, origin);
  assert.equal(await settled(), 'anonymous');
  const visitor = await cartShown('anonymous', 0);
  assert.equal(visitor.note, 'Your cart is empty.');
  assert.deepEqual(visitor.anonymousSession, []);

  authorizeRequests.length = 0;
  await logIn();
  const cart = await cartShown('user', 4);
  assert.equal(cart.note, 'Your cart.');
  assert.equal(authorizeRequests.find((params) => params.get('prompt') !== 'none')?.get('anon_transfer_token'), null, 'no anonymous session, no ticket');
});
