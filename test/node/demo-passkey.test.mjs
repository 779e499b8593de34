// The demo's passkey buttons, end to end on `npm start` in Chromium (issue 17) with a virtual
// authenticator (the DevTools protocol's WebAuthn domain: a platform passkey provider, resident
// keys, user verification): "Sign up with a passkey" with an email creates the user and signs them
// in on http://localhost (the relying party), "Log out" goes through the tenant, "Log in with a
// passkey" signs the same user in again. In a browser without WebAuthn the passkey buttons make
// way for the password login. Needs the build.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { chromeArgs, findChrome } from '../support/chrome.mjs';
import { startDemo } from '../support/demo-process.mjs';

let demo;
let origin;
let output;
let browser;
let page;
let cdp;
let authenticatorId;

before(async () => {
  demo = await startDemo();
  ({ origin, output } = demo);
  browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: chromeArgs() });
  page = await browser.newPage();
  cdp = await page.createCDPSession();
  await cdp.send('WebAuthn.enable', { enableUI: false });
  ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', ctap2Version: 'ctap2_1', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  }));
});

after(async () => {
  await browser?.close();
  await demo?.stop();
});

/** The provider's status once settled, and the user's email. */
const settled = (status) => page.waitForFunction((s) => {
  const provider = document.querySelector('auth0-provider');
  return provider?.status === s && provider;
}, { timeout: 30_000 }, status).then(() => page.evaluate(() => document.querySelector('auth0-provider').client.getUser().then((user) => user?.email ?? null)));

/** The passkey button's own `<button>`, once its body has rendered it. */
const passkeyButton = (selector) => page.waitForSelector(`${selector} >>> button[part=button]:not([hidden])`, { timeout: 20_000 });

test('npm start prints the demo on http://localhost, the relying party of its passkeys', () => {
  assert.match(origin, /^http:\/\/localhost:\d+$/);
  assert.match(output, /Local tenant {4}http:\/\/localhost:\d+\//);
});

test('sign up with a passkey, log out, log in with the passkey: the same user', { timeout: 90_000 }, async () => {
  const email = `pat.${Date.now()}@example.com`;
  await page.goto(`${origin}/`);
  assert.equal(await settled('anonymous'), null);
  await page.type('.passkey-signup input[slot=email]', email);
  const signup = await passkeyButton('.passkey-signup');
  assert.equal(await signup.evaluate((b) => b.textContent.trim()), 'Sign up with a passkey');
  await signup.click();
  assert.equal(await settled('authenticated'), email);
  const [credential] = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
  assert.equal(credential.rpId, 'localhost');
  assert.equal(credential.isResidentCredential, true);
  // Signed in: the passkey card is gone with the rest of the visitors' cards.
  assert.equal(await page.evaluate(() => document.querySelector('.passkeys').checkVisibility()), false);

  const logout = await page.waitForSelector('.site-header auth0-logout-button >>> button', { visible: true });
  await Promise.all([page.waitForNavigation(), logout.click()]);
  await page.waitForFunction((o) => location.origin === o, { timeout: 20_000 }, origin);
  assert.equal(await settled('anonymous'), null);

  const login = await passkeyButton('.passkey-login');
  assert.equal(await login.evaluate((b) => b.textContent.trim()), 'Log in with a passkey');
  await login.click();
  assert.equal(await settled('authenticated'), email);
  assert.equal((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials[0].signCount > credential.signCount, true);
});

test('without WebAuthn the passkey buttons are hidden and the password login shows in their place', { timeout: 60_000 }, async () => {
  const plain = await browser.newPage();
  try {
    await plain.evaluateOnNewDocument(() => delete window.PublicKeyCredential);
    await plain.goto(`${origin}/`);
    await plain.waitForFunction(() => document.querySelector('auth0-provider')?.status === 'anonymous', { timeout: 30_000 });
    await plain.waitForFunction(() => document.querySelector('.passkey-login')?.getAttribute('state') === 'unsupported'
      && document.querySelector('.passkey-login').shadowRoot.querySelector('slot[name=fallback]'), { timeout: 20_000 });
    const seen = await plain.evaluate(() => {
      const [signup, login] = ['.passkey-signup', '.passkey-login'].map((s) => document.querySelector(s));
      return {
        signupButton: signup.shadowRoot.querySelector('button').checkVisibility(),
        loginButton: login.shadowRoot.querySelector('button').checkVisibility(),
        fallback: login.querySelector('[slot=fallback]').shadowRoot.querySelector('button').checkVisibility(),
        fallbackLabel: login.querySelector('[slot=fallback]').textContent.trim(),
      };
    });
    assert.deepEqual(seen, { signupButton: false, loginButton: false, fallback: true, fallbackLabel: 'Log in with a password' });
  } finally {
    await plain.close();
  }
});
