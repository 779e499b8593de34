// <auth0-mfa-challenge> in Chromium against the tenant: carol signs in, a token for the step-up
// API is refused with mfa_required, she types the code her authenticator app shows (computed from
// her secret), and the token is cached; the bad inputs: a wrong code (the error shown, the form
// kept), an expired step-up (start again), too many attempts, an audience the provider does not allow.
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../components/define/provider.js';
import '../../../components/define/mfa-challenge.js';
import type { Auth0MfaChallenge } from '../../../components/define/mfa-challenge.js';
import { tenant } from '../../support/tenant.js';
import { facts, mountProvider, nextStatus, recordEvents, signOutEverywhere } from '../elements/helpers.js';
import { mfaFacts, totp, wrongCode } from './support.js';

const { secure, carol } = await mfaFacts();
const secret = carol.find((a) => a.type === 'otp')!.secret!;

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part=${name}]`)!;
const shown = (el: HTMLElement) => !el.hidden && !el.closest('[hidden]');

/** A provider (refresh tokens, MRRT, the step-up API allowed) with carol signed in, and the element. */
async function carolWithChallenge(attributes = `audience="${secure}"`) {
  const { users } = await facts();
  const { provider, ready } = await mountProvider(`<auth0-mfa-challenge ${attributes}></auth0-mfa-challenge>`, {
    'use-refresh-tokens': '', 'use-mrrt': '', 'cache-location': 'localstorage', 'api-audiences': secure,
  });
  await ready;
  const authenticated = nextStatus(provider, 'authenticated');
  const login = provider.client!.loginWithPopup();
  await tenant.login((users as any).carol?.username ?? 'carol', (users as any).carol?.password ?? 'carol-password');
  await login;
  await authenticated;
  const el = provider.querySelector('auth0-mfa-challenge') as Auth0MfaChallenge;
  const events = recordEvents(el);
  return { provider, el, events };
}

async function typeCode(el: Auth0MfaChallenge, code: string) {
  const input = part(el, 'input') as HTMLInputElement;
  input.focus();
  input.value = '';
  await sendKeys({ type: code });
  await sendKeys({ press: 'Enter' });
}

describe('<auth0-mfa-challenge>', function () {
  this.timeout(60_000);
  beforeEach(async () => {
    await signOutEverywhere();
    await tenant.control('resetMfa');
  });

  it('steps up with a real TOTP code: the form, then the token for the API is cached (amr mfa); no mfa_token anywhere in the DOM or events', async () => {
    const { provider, el } = await carolWithChallenge();
    const seen: CustomEvent[] = [];
    for (const type of ['auth0-mfa-required', 'auth0-mfa-verified', 'auth0-error']) el.addEventListener(type, (e) => seen.push(e as CustomEvent));
    const required = oneEvent(el, 'auth0-mfa-required');
    await el.start();
    expect((await required).detail).to.deep.equal({ audience: secure });
    await el.updateComplete;
    expect(shown(part(el, 'form'))).to.equal(true);
    expect(part(el, 'factor'), 'carol has three factors: a choice').to.exist;
    // The step-up form renders every part and slot custom-elements.json documents (and no other).
    const manifest = await (await fetch('/custom-elements.json')).json();
    const doc = manifest.modules.flatMap((m: any) => m.declarations ?? []).find((d: any) => d.tagName === 'auth0-mfa-challenge');
    const sortedNames = (items: any[] = []) => items.map((i) => i.name).sort();
    expect([...new Set([...el.shadowRoot!.querySelectorAll('[part]')].flatMap((n) => [...n.part]))].sort(), 'parts').to.deep.equal(sortedNames(doc.cssParts));
    expect([...el.shadowRoot!.querySelectorAll('slot')].map((s) => s.name).sort(), 'slots').to.deep.equal(sortedNames(doc.slots));
    const verified = oneEvent(el, 'auth0-mfa-verified');
    await typeCode(el, totp(secret));
    expect((await verified).detail).to.deep.equal({ audience: secure });
    await el.updateComplete;
    expect(shown(part(el, 'done'))).to.equal(true);
    const token = (await provider.client!.getTokenSilently({ authorizationParams: { audience: secure }, cacheMode: 'cache-only' }))!;
    expect(JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).amr).to.deep.equal(['mfa']);
    // The step-up's token never leaves the element's script.
    const log = await tenant.control<any[]>('tokenRequests', { grantType: 'refresh_token' });
    expect(log.at(-1).status).to.equal(403);
    const markup = el.shadowRoot!.innerHTML + el.outerHTML;
    expect(markup).to.not.match(/[\w-]{32,}/);
    expect(JSON.stringify(seen.map((e) => e.detail))).to.not.include('mfa_token');
  });

  it('a wrong code: auth0-error invalid_grant, the message shown, the form kept; the right code then works', async () => {
    const { el } = await carolWithChallenge();
    await el.start();
    await el.updateComplete;
    const failed = oneEvent(el, 'auth0-error');
    await typeCode(el, wrongCode(secret));
    expect((await failed).detail.error.error).to.equal('invalid_grant');
    await el.updateComplete;
    expect(part(el, 'error').textContent).to.equal('Invalid otp_code.');
    expect(shown(part(el, 'restart'))).to.equal(false);
    expect((part(el, 'input') as HTMLInputElement).disabled).to.equal(false);
    const verified = oneEvent(el, 'auth0-mfa-verified');
    await typeCode(el, totp(secret));
    await verified;
  });

  it('an email code: picking the email factor sends a code (the outbox), typing it verifies', async () => {
    const { el } = await carolWithChallenge();
    await el.start();
    await el.updateComplete;
    const select = part(el, 'factor') as HTMLSelectElement;
    const index = [...select.options].findIndex((o) => o.textContent!.startsWith('Email'));
    select.value = String(index);
    select.dispatchEvent(new Event('change'));
    // The challenge's answer shows the note: wait for it (the tenant wrote the outbox before answering).
    for (let i = 0; !shown(part(el, 'message')) && i < 200; i++) await new Promise((r) => setTimeout(r, 25)).then(() => el.updateComplete);
    expect(shown(part(el, 'message'))).to.equal(true);
    const [message] = await tenant.control<{ code: string }[]>('mfaOutbox', { to: 'carol@example.com' });
    const verified = oneEvent(el, 'auth0-mfa-verified');
    await typeCode(el, message.code);
    await verified;
  });

  it('an expired step-up: expired_token shown with "Start again", which starts a new one', async () => {
    const { el } = await carolWithChallenge();
    await el.start();
    await el.updateComplete;
    await tenant.control('expireMfaTokens');
    const failed = oneEvent(el, 'auth0-error');
    await typeCode(el, totp(secret));
    expect((await failed).detail.error.error).to.equal('expired_token');
    await el.updateComplete;
    expect(shown(part(el, 'restart'))).to.equal(true);
    const again = oneEvent(el, 'auth0-mfa-required');
    part(el, 'restart').click();
    await again;
    await el.updateComplete;
    const verified = oneEvent(el, 'auth0-mfa-verified');
    await typeCode(el, totp(secret));
    await verified;
  });

  it('too many attempts: after 10 wrong codes the form is disabled with too_many_attempts', async () => {
    const { el } = await carolWithChallenge();
    await el.start();
    await el.updateComplete;
    for (let i = 0; i < 10; i++) {
      const failed = oneEvent(el, 'auth0-error');
      await typeCode(el, wrongCode(secret));
      expect((await failed).detail.error.error, `attempt ${i + 1}`).to.equal('invalid_grant');
      await el.updateComplete;
    }
    const blocked = oneEvent(el, 'auth0-error');
    await typeCode(el, totp(secret));
    expect((await blocked).detail.error.error).to.equal('too_many_attempts');
    await el.updateComplete;
    expect((part(el, 'input') as HTMLInputElement).disabled).to.equal(true);
    expect(shown(part(el, 'error'))).to.equal(true);
  });

  it('an audience the provider does not allow is refused before any token request', async () => {
    const { el } = await carolWithChallenge('audience="https://admin.example.com"');
    await tenant.control('resetRequests');
    const failed = oneEvent(el, 'auth0-error');
    await el.start();
    expect((await failed).detail.error.error).to.equal('audience_not_allowed');
    expect(await tenant.control<any[]>('tokenRequests')).to.deep.equal([]);
  });
});
