// <auth0-authentication-methods> in Chromium against the tenant's My Account API (DPoP-bound
// tokens for <domain>/me/): carol's methods listed; enrolling an authenticator app — the QR code
// read back as a phone camera would (rendered to pixels, decoded by an independent QR reader), its
// secret feeding a real TOTP code — then the new method answers a step-up; rename; remove; the bad
// inputs: a wrong code (the typed error, the enrollment kept), the tenant failing (shown, retried).
// No secret, code or token in an attribute or an event.
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import decodeQR from 'qr/decode.js';
import '../../../components/define/provider.js';
import '../../../components/define/authentication-methods.js';
import type { Auth0AuthenticationMethods } from '../../../components/define/authentication-methods.js';
import { MfaRequiredError, MyAccountApiError } from '../../../src/index.js';
import { tenant } from '../../support/tenant.js';
import { mountProvider, nextStatus, signOutEverywhere } from '../elements/helpers.js';
import { mfaFacts, totp, wrongCode } from './support.js';

const { carol, secure } = await mfaFacts();

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~=${name}]`);
const parts = (el: Element, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~=${name}]`)];
const shown = (node: HTMLElement | null) => !!node && !node.hidden && !node.closest('[hidden]');
const row = (el: Element, text: string) => parts(el, 'method').find((li) => li.textContent!.includes(text));

/** Resolves once `check` holds after an update of `el` (each update is a condition check, no guessed delay). */
async function until(el: Auth0AuthenticationMethods, check: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 15_000; !check(); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await el.updateComplete;
  }
}

/** The element with every public event recorded. */
function record(el: Element) {
  const seen: CustomEvent[] = [];
  for (const type of ['auth0-method-enrolled', 'auth0-method-renamed', 'auth0-method-removed', 'auth0-error']) {
    el.addEventListener(type, (event) => seen.push(event as CustomEvent));
  }
  return seen;
}

/** carol signed in (My Account tokens are DPoP-bound), the element listing her methods. */
async function carolsSettings(inner = '') {
  const { provider, ready } = await mountProvider(`<auth0-authentication-methods>${inner}</auth0-authentication-methods>`, {
    // As the demo page: DPoP, refresh tokens with MRRT (the silent iframe as the fallback), the step-up API allowed.
    'use-dpop': '', 'use-refresh-tokens': '', 'use-refresh-tokens-fallback': '', 'use-mrrt': '', 'cache-location': 'localstorage', 'api-audiences': secure,
  });
  await ready;
  const el = provider.querySelector('auth0-authentication-methods') as Auth0AuthenticationMethods;
  const seen = record(el);
  const authenticated = nextStatus(provider, 'authenticated');
  const login = provider.client!.loginWithPopup();
  await tenant.login('carol', 'carol-password');
  await login;
  await authenticated;
  await until(el, () => parts(el, 'method').length > 0 || shown(part(el, 'error')), 'the list (or its error) shows');
  return { provider, el, seen };
}

/** Reads the QR code as a camera would: the SVG drawn to pixels, decoded by `qr`'s reader. */
async function scan(svg: SVGSVGElement): Promise<string> {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('width', '400');
  copy.setAttribute('height', '400');
  const image = new Image();
  image.src = `data:image/svg+xml,${encodeURIComponent(new XMLSerializer().serializeToString(copy))}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 400;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, 400, 400);
  context.drawImage(image, 0, 0, 400, 400);
  const { data, width, height } = context.getImageData(0, 0, 400, 400);
  return decodeQR({ data, width, height });
}

async function typeInto(input: HTMLInputElement, text: string) {
  input.focus();
  input.select();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

/** Starts an enrollment with the add button; resolves with what the user sees. */
async function startEnrolling(el: Auth0AuthenticationMethods) {
  part(el, 'enroll-button')!.click();
  await until(el, () => shown(part(el, 'qr')) || shown(part(el, 'error')), 'the QR code shows');
  if (!shown(part(el, 'qr'))) throw new Error(`enrolling failed: ${part(el, 'error')!.textContent}`);
  const uri = await scan(part(el, 'qr') as unknown as SVGSVGElement);
  return { uri, secret: part(el, 'secret')!.textContent!.trim(), input: part(el, 'code-input') as HTMLInputElement };
}

describe('<auth0-authentication-methods>', function () {
  this.timeout(25_000);
  beforeEach(async () => {
    await signOutEverywhere();
    await tenant.control('resetMfa');
    await tenant.control('clearFaults');
  });

  it('lists carol\'s methods, with every part and slot custom-elements.json documents', async () => {
    const { el } = await carolsSettings();
    const names = parts(el, 'method').map((li) => ['name', 'type'].map((name) => li.querySelector(`[part=${name}]`)!.textContent!.trim()));
    expect(names).to.deep.equal(
      carol.map((a) => {
        const type = { otp: 'Authenticator app', email: 'Email', 'recovery-code': 'Recovery code' }[a.type];
        return [a.type === 'recovery-code' ? type : a.name, type];
      }),
    );
    // Rename is offered where the API keeps a name (not for a recovery code); remove everywhere.
    expect(parts(el, 'rename-button').map(shown)).to.deep.equal(carol.map((a) => a.type !== 'recovery-code'));
    expect(parts(el, 'remove-button').every(shown)).to.equal(true);
    // Every part and slot the manifest documents, and no other, across the element's steps: the
    // list, an enrollment, a rename, a removal's confirmation (each cancelled).
    const manifest = await (await fetch('/custom-elements.json')).json();
    const doc = manifest.modules.flatMap((m: any) => m.declarations ?? []).find((d: any) => d.tagName === 'auth0-authentication-methods');
    const seenParts = new Set<string>();
    const seenSlots = new Set<string>();
    const look = () => {
      for (const node of el.shadowRoot!.querySelectorAll('[part]')) for (const name of node.part) seenParts.add(name);
      for (const slot of el.shadowRoot!.querySelectorAll('slot')) seenSlots.add(slot.name);
    };
    look();
    const { input } = await startEnrolling(el);
    look();
    part(el, 'cancel-button')!.click();
    await el.updateComplete;
    expect(input.isConnected, 'cancel forgets the enrollment').to.equal(false);
    for (const button of ['rename-button', 'remove-button']) {
      part(el, button)!.click();
      await el.updateComplete;
      look();
      part(el, 'cancel-button')!.click();
      await el.updateComplete;
    }
    const sortedNames = (items: any[] = []) => items.map((i) => i.name).sort();
    expect([...seenParts].sort(), 'parts').to.deep.equal(sortedNames(doc.cssParts));
    expect([...seenSlots].sort(), 'slots').to.deep.equal(sortedNames(doc.slots));
  });

  it('enrolls an authenticator app: the QR code scans to the otpauth URI of the secret shown, the app\'s code verifies it, and it answers a step-up', async () => {
    const { provider, el, seen } = await carolsSettings();
    const { uri, secret, input } = await startEnrolling(el);
    const parsed = new URL(uri);
    expect(parsed.protocol).to.equal('otpauth:');
    expect(parsed.host).to.equal('totp');
    expect(parsed.searchParams.get('secret')).to.equal(secret);
    expect(secret).to.match(/^[A-Z2-7]{16,}$/);
    // The secret is in the shadow root only: not in the light DOM, an attribute, or any event so far.
    expect(el.outerHTML).to.not.include(secret);
    expect([...el.shadowRoot!.querySelectorAll('*')].flatMap((n) => [...n.attributes].map((a) => a.value)).join(' ')).to.not.include(secret);
    const enrolled = oneEvent(el, 'auth0-method-enrolled');
    await typeInto(input, totp(secret));
    const { detail } = await enrolled;
    expect(detail.type).to.equal('totp');
    expect(Object.keys(detail).filter((k) => k !== 'name').sort(), 'id, type (and a name): nothing else').to.deep.equal(['id', 'type']);
    await until(el, () => !shown(part(el, 'enrollment')) && parts(el, 'method').length === carol.length + 1, 'the new method is listed');
    expect(shown(part(el, 'enroll-button'))).to.equal(true);
    // Nothing of the enrollment left: no QR code, no secret, in the DOM or in any event.
    expect(el.shadowRoot!.innerHTML).to.not.include(secret);
    expect(JSON.stringify(seen.map((e) => e.detail))).to.not.include(secret);
    // The tenant's MFA store has it: a step-up for the secure API with the new app's code passes.
    const stepUp = await provider.client!.getTokenSilently({ authorizationParams: { audience: secure } }).then(
      () => expect.fail('the secure API needs a second factor'),
      (e: MfaRequiredError) => e,
    );
    expect(stepUp).to.be.instanceOf(MfaRequiredError);
    const factors = await provider.client!.mfa.getAuthenticators(stepUp.mfa_token);
    expect(factors.map((f) => f.id)).to.include(detail.id);
    await provider.client!.mfa.challenge({ mfaToken: stepUp.mfa_token, challengeType: 'otp', authenticatorId: detail.id });
    const answer = await provider.client!.mfa.verify({ mfaToken: stepUp.mfa_token, otp: totp(secret) });
    expect(JSON.parse(atob(answer.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).amr).to.deep.equal(['mfa']);
  });

  it('a wrong code: MyAccountApiError shown, the enrollment kept (same QR code and secret); the right code then works', async () => {
    const { el } = await carolsSettings();
    const { uri, secret, input } = await startEnrolling(el);
    const failed = oneEvent(el, 'auth0-error');
    await typeInto(input, wrongCode(secret));
    const { error } = (await failed).detail;
    expect(error).to.be.instanceOf(MyAccountApiError);
    expect((error as MyAccountApiError).status).to.be.within(400, 499);
    await el.updateComplete;
    expect(shown(part(el, 'error'))).to.equal(true);
    expect(part(el, 'error')!.textContent).to.equal(error.message);
    expect(shown(part(el, 'enrollment'))).to.equal(true);
    expect(part(el, 'secret')!.textContent!.trim()).to.equal(secret);
    expect(await scan(part(el, 'qr') as unknown as SVGSVGElement)).to.equal(uri);
    expect((part(el, 'code-input') as HTMLInputElement).disabled).to.equal(false);
    const enrolled = oneEvent(el, 'auth0-method-enrolled');
    await typeInto(part(el, 'code-input') as HTMLInputElement, totp(secret));
    await enrolled;
    await el.updateComplete;
    expect(shown(part(el, 'error'))).to.equal(false);
  });

  it('renames the authenticator app (the API keeps the name)', async () => {
    const { provider, el } = await carolsSettings();
    const app = carol.find((a) => a.type === 'otp')!;
    row(el, app.name!)!.querySelector<HTMLElement>('[part~=rename-button]')!.click();
    await el.updateComplete;
    const renamed = oneEvent(el, 'auth0-method-renamed');
    await typeInto(part(el, 'rename-input') as HTMLInputElement, 'Phone in my pocket');
    expect((await renamed).detail).to.deep.equal({ id: app.id, type: 'totp', name: 'Phone in my pocket' });
    await until(el, () => !!row(el, 'Phone in my pocket'), 'the new name shows');
    expect((await provider.client!.myAccount.getAuthenticationMethod(app.id) as { name?: string }).name).to.equal('Phone in my pocket');
  });

  it('removes the email method after a confirmation (Cancel keeps it)', async () => {
    const { el } = await carolsSettings();
    const email = carol.find((a) => a.type === 'email')!;
    row(el, email.name!)!.querySelector<HTMLElement>('[part~=remove-button]')!.click();
    await el.updateComplete;
    part(el, 'cancel-button')!.click();
    await el.updateComplete;
    expect(parts(el, 'method').length).to.equal(carol.length);
    row(el, email.name!)!.querySelector<HTMLElement>('[part~=remove-button]')!.click();
    await el.updateComplete;
    const removed = oneEvent(el, 'auth0-method-removed');
    part(el, 'confirm-remove-button')!.click();
    const { detail } = await removed;
    expect([detail.id, detail.type]).to.deep.equal([email.id, 'email']);
    await until(el, () => parts(el, 'method').length === carol.length - 1, 'the row is gone');
    expect(parts(el, 'method').some((li) => li.textContent!.includes(email.name!))).to.equal(false);
    expect(shown(part(el, 'error'))).to.equal(false);
  });

  it('the tenant failing: the list\'s error shown with "Try again", which loads it once the tenant is back; a failed rename keeps the form', async () => {
    await tenant.control('fault', 'my-account', '500');
    const { el } = await carolsSettings('<span slot="retry">Load again</span>');
    expect(shown(part(el, 'error'))).to.equal(true);
    expect(parts(el, 'method')).to.have.length(0);
    expect(shown(part(el, 'retry-button'))).to.equal(true);
    await tenant.control('clearFaults');
    part(el, 'retry-button')!.click();
    await until(el, () => parts(el, 'method').length === carol.length, 'the list loads');
    expect(shown(part(el, 'error'))).to.equal(false);
    expect(shown(part(el, 'retry-button'))).to.equal(false);

    const app = carol.find((a) => a.type === 'otp')!;
    row(el, app.name!)!.querySelector<HTMLElement>('[part~=rename-button]')!.click();
    await el.updateComplete;
    await tenant.control('fault', 'my-account', '500');
    const failed = oneEvent(el, 'auth0-error');
    await typeInto(part(el, 'rename-input') as HTMLInputElement, 'Never saved');
    const { error } = (await failed).detail;
    expect([error instanceof MyAccountApiError, (error as MyAccountApiError).status]).to.deep.equal([true, 500]);
    await el.updateComplete;
    expect(shown(part(el, 'rename-form'))).to.equal(true);
    expect((part(el, 'rename-input') as HTMLInputElement).value).to.equal('Never saved');
    expect(part(el, 'error')!.textContent).to.equal(error.message);
  });

  it('labels come from slots, on every row too', async () => {
    const { el } = await carolsSettings('Your factors<span slot="rename">Edit name</span><span slot="type-totp">Code app</span>');
    expect(part(el, 'heading')!.querySelector('slot')!.assignedNodes().map((n) => n.textContent).join('')).to.equal('Your factors');
    expect(parts(el, 'rename-button').filter(shown).map((b) => b.textContent!.trim())).to.deep.equal(['Edit name', 'Edit name']);
    expect(row(el, 'Code app')).to.exist;
  });

  it('signed out: renders nothing, and a pending enrollment (its secret) is forgotten', async () => {
    const { provider, el } = await carolsSettings();
    const { secret } = await startEnrolling(el);
    const anonymous = nextStatus(provider, 'anonymous');
    await provider.client!.logout({ openUrl: false });
    await anonymous;
    await el.updateComplete;
    expect(el.shadowRoot!.innerHTML).to.not.include(secret);
    expect(part(el, 'base')).to.equal(null);
  });
});
