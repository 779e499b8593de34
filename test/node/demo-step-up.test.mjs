// The demo page's MFA cards (issue 16), as a visitor uses them: `npm start` on free ports, Chromium
// logs in as carol through the header's "Log in" (the tenant's real login page). "Security
// settings" (<auth0-authentication-methods>) lists her three methods; "Secrets behind a second
// factor": the <auth0-fetch> button asks the demo API's step-up route, the token request is
// refused with mfa_required, <auth0-mfa-challenge> shows its form, and the code an authenticator
// app computes from the secret printed on the card opens the secrets; then a method is removed
// (after its confirmation) and stays removed. Needs the build (dist/, lib/).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { Secret, TOTP } from 'otpauth';
import { chromeArgs, findChrome } from '../support/chrome.mjs';
import { startDemo } from '../support/demo-process.mjs';

let demo;
let origin;
let output;
let browser;
let page;

before(async () => {
  demo = await startDemo();
  ({ origin, output } = demo);
  browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: chromeArgs() });
  page = await browser.newPage();
});

after(async () => {
  await browser?.close();
  await demo?.stop();
});

test('npm start names the step-up user and the API route', () => {
  assert.match(output, /Step-up \(a second factor\): carol \/ carol-password, TOTP secret [A-Z2-7]{16,}/);
  assert.match(output, /\/api\/secrets \(step-up\)/);
});

test('carol logs in; Security settings lists her methods; the secrets card steps up with her app\'s code', { timeout: 120_000 }, async () => {
  await page.goto(`${origin}/`);
  const login = await page.waitForSelector('.site-header auth0-login-button >>> button', { visible: true }); // shown once the session is known
  await Promise.all([page.waitForNavigation(), login.click()]);
  await page.type('input[name=username]', 'carol');
  await page.type('input[name=password]', 'carol-password');
  await Promise.all([page.waitForNavigation(), page.click('[type=submit]')]);
  await page.waitForFunction((o) => location.origin === o && document.querySelector('auth0-provider')?.status === 'authenticated', { timeout: 30_000 }, origin);

  // Security settings: her authenticator app, email and recovery code, with nothing in error.
  await page.waitForFunction(() => document.querySelector('auth0-authentication-methods')?.shadowRoot?.querySelectorAll('[part=method]').length === 3, { timeout: 30_000 });
  const methods = await page.evaluate(() => {
    const el = document.querySelector('auth0-authentication-methods');
    return {
      types: [...el.shadowRoot.querySelectorAll('[part=method] [part=type]')].map((n) => n.textContent),
      error: el.shadowRoot.querySelector('[part=error]').hidden,
    };
  });
  assert.deepEqual(methods, { types: ['Authenticator app', 'Email', 'Recovery code'], error: true });

  // The secrets: the API route needs a step-up; the challenge asks for the app's code.
  const secret = await page.evaluate(() => document.querySelector('.step-up .secret').textContent.trim());
  assert.match(secret, /^[A-Z2-7]{16,}$/);
  const show = await page.waitForFunction(() => {
    const button = document.querySelector('#secrets')?.shadowRoot?.querySelector('button[part=button]');
    return button && !button.disabled && !button.hidden && button;
  }, { timeout: 30_000 });
  await show.evaluate((button) => button.scrollIntoView());
  await show.click();
  const input = await page.waitForFunction(() => {
    const field = document.querySelector('auth0-mfa-challenge')?.shadowRoot?.querySelector('input[part=input]');
    return field && !field.disabled && field.getClientRects().length > 0 && field;
  }, { timeout: 30_000 }).catch(async (e) => {
    const error = await page.evaluate(() => {
      const e = document.querySelector('#secrets').error;
      return e && { error: e.error, message: e.message, challenge: document.querySelector('auth0-mfa-challenge').shadowRoot.innerHTML };
    });
    throw new Error(`no step-up form: the fetch's error ${JSON.stringify(error)}`, { cause: e });
  });
  const code = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
  await input.type(code);
  await input.press('Enter');
  await page.waitForFunction(() => document.querySelector('#secrets')?.data !== undefined, { timeout: 30_000 });
  const data = await page.evaluate(() => document.querySelector('#secrets').data);
  assert.deepEqual(data.amr, ['mfa']);
  assert.equal(data.secrets[0].text, 'The vault code is 0451.');
  const text = await page.evaluate(() => document.querySelector('#secrets').shadowRoot.querySelector('[part=data]').textContent);
  assert.match(text, /The vault code is 0451\./);
});

test('Security settings: removing the email method asks first, then it is gone (from the API too, after a reload)', { timeout: 60_000 }, async () => {
  const removed = await page.evaluate(async () => {
    const el = document.querySelector('auth0-authentication-methods');
    const row = () => [...el.shadowRoot.querySelectorAll('[part=method]')].find((li) => li.textContent.includes('carol@example.com'));
    const event = new Promise((resolve) => el.addEventListener('auth0-method-removed', (e) => resolve(e.detail), { once: true }));
    row().querySelector('[part~=remove-button]').click();
    await el.updateComplete;
    const confirm = el.shadowRoot.querySelector('[part~=confirm-remove-button]');
    confirm.click();
    return { detail: await event, asked: !!confirm };
  });
  assert.deepEqual(removed, { detail: { id: 'email|dev_carol000email', type: 'email' }, asked: true });
  await page.reload();
  await page.waitForFunction(() => document.querySelector('auth0-authentication-methods')?.shadowRoot?.querySelectorAll('[part=method]').length === 2, { timeout: 30_000 });
  const types = await page.evaluate(() => [...document.querySelector('auth0-authentication-methods').shadowRoot.querySelectorAll('[part=method] [part=type]')].map((n) => n.textContent));
  assert.deepEqual(types, ['Authenticator app', 'Recovery code']);
});
