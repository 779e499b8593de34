import { html, nothing } from 'lit';
import { MfaRequiredError, type GenericError } from '../../src/index.js';
import type { Authenticator } from '../../src/mfa/types.js';
import { Auth0ConsumerElement } from '../internal/consumer-element.js';
import { allows } from '../provider/policy.js';
import { emit } from '../events.js';
import styles from './mfa-challenge.styles.js';

/** `auth0-mfa-required` / `auth0-mfa-verified`: the step-up for `audience` started / succeeded (no token in it). */
export interface Auth0MfaDetail {
  audience: string;
}

declare module '../events.js' {
  interface Auth0EventMap {
    'auth0-mfa-required': Auth0MfaDetail;
    'auth0-mfa-verified': Auth0MfaDetail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'auth0-mfa-required': CustomEvent<Auth0MfaDetail>;
    'auth0-mfa-verified': CustomEvent<Auth0MfaDetail>;
  }
}

type State = 'idle' | 'busy' | 'code' | 'done' | 'error';

/** What each factor type asks the user for, and how it is verified. */
const LABELS: Record<string, string> = { otp: 'Authenticator app', email: 'Email', 'recovery-code': 'Recovery code' };

/**
 * Step-up authentication for an API that needs a second factor: when a token for `audience` is
 * refused with `mfa_required` — `start()`, or an `auth0-error` of the `<auth0-fetch>` named by
 * `for` — it lets the signed-in user pick an enrolled factor (authenticator app, email code,
 * recovery code), enter the code, and verifies it with `client.mfa`; the token is then in the
 * cache and the `for` element fetches again. The MFA token stays in this element's script: never
 * in an attribute, the DOM or an event. A wrong code shows the error and keeps the form; an
 * expired step-up offers to start again.
 *
 * @summary Second-factor challenge (step-up) for an API.
 *
 * @slot - The heading above the form. Default: "Verify it's you".
 * @slot submit - The verify button's label. Default: "Verify".
 * @slot restart - The start-again button's label. Default: "Start again".
 * @slot done - Shown once verified. Default: "Verified".
 * @slot sent - Shown after an email code was sent. Default: "We sent a code to your email.".
 *
 * @csspart form - The `<form>`.
 * @csspart factor - The `<select>` of enrolled factors (several only).
 * @csspart input - The code `<input>`.
 * @csspart button - The verify `<button>`.
 * @csspart restart - The start-again `<button>`.
 * @csspart message - The note after an email code was sent.
 * @csspart error - The error message.
 * @csspart done - The verified note.
 *
 * @cssproperty --auth0-mfa-gap - Space between the form's rows (default `0.5em`).
 * @cssproperty --auth0-mfa-width - The form's maximum width (default `20em`).
 * @cssproperty --auth0-mfa-error-color - Color of the error message (default `#b00020`).
 * @cssproperty --auth0-mfa-done-color - Color of the verified note (default `inherit`).
 * @cssproperty --auth0-button-background - Button background (default `#635dff`).
 * @cssproperty --auth0-button-color - Button label color (default `#fff`).
 * @cssproperty --auth0-button-border - Button border (default `none`).
 * @cssproperty --auth0-button-radius - Corner radius (default `0.375rem`).
 * @cssproperty --auth0-button-padding - Padding (default `0.5em 1em`).
 * @cssproperty --auth0-button-font - Font (default `inherit`).
 * @cssproperty --auth0-focus-ring - Focus outline (default `2px solid #635dff`).
 *
 * @event {Auth0MfaDetail} auth0-mfa-required - The API needs a second factor: the form is shown. `{audience}`.
 * @event {Auth0MfaDetail} auth0-mfa-verified - The code was accepted; the token is cached. `{audience}`.
 * @event {Auth0ErrorDetail} auth0-error - A step failed (wrong code `invalid_grant`, `expired_token`, `too_many_attempts`, `audience_not_allowed`, …): `{error}`.
 */
export class Auth0MfaChallenge extends Auth0ConsumerElement {
  static override styles = styles;

  static override properties = {
    audience: {},
    scope: {},
    for: {},
  };

  /** The API that needs the second factor (must be allowed by the provider). Default: the `for` element's `audience`. */
  audience?: string;

  /** The scopes to ask for, separated by spaces. */
  scope?: string;

  /** The id of an `<auth0-fetch>` whose `mfa_required` errors start the step-up and which fetches again once verified. */
  for?: string;

  private _state: State = 'idle';
  private _error?: Error;
  private _mfaToken?: string;
  private _factors: Authenticator[] = [];
  private _factor = 0;
  private _oobCode?: string;
  private _audience = '';

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('auth0-error', this._onError);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('auth0-error', this._onError);
  }

  /**
   * Starts the step-up: asks for the token (`getTokenSilently` for `audience` and `scope`); when
   * the tenant refuses it with `mfa_required`, lists the user's factors and shows the form.
   * Resolves once the form (or the outcome) is shown.
   */
  async start(): Promise<void> {
    const client = this.session?.client;
    if (!client) return;
    const target = this.for ? (document.getElementById(this.for) as { audience?: string } | null) : null;
    const audience = this.audience || target?.audience || '';
    this._audience = audience;
    this._mfaToken = undefined;
    this._show('busy');
    try {
      for (const [kind, value] of [['audience', audience], ...(this.scope?.split(' ').filter(Boolean) ?? []).map((s) => ['scope', s])] as Array<['audience' | 'scope', string]>) {
        if (!value || !allows(client, kind, value)) throw Object.assign(new Error(`${kind}_not_allowed: ${value}`), { error: `${kind}_not_allowed` });
      }
      await client.getTokenSilently({ authorizationParams: { audience, ...(this.scope && { scope: this.scope }) } });
      this._verified(); // no second factor needed (any more)
    } catch (e) {
      if (!(e instanceof MfaRequiredError)) return this._fail(e as Error);
      this._mfaToken = e.mfa_token;
      try {
        this._factors = (await client.mfa.getAuthenticators(e.mfa_token)).filter((a) => a.active);
        if (!this._factors.length) throw Object.assign(new Error('No second factor is enrolled: enroll one first'), { error: 'mfa_enrollment_required' });
        this._factor = Math.max(0, this._factors.findIndex((a) => a.type === 'otp'));
        await this._challenge();
        emit(this, 'auth0-mfa-required', { audience });
      } catch (error) {
        this._fail(error as Error);
      }
    }
  }

  protected override render() {
    if (!this.session || this._state === 'idle') return nothing;
    const state = this._state;
    const factor = this._factors[this._factor];
    const restart = state === 'error' && ['expired_token', 'invalid_grant', 'mfa_context_not_found'].includes((this._error as GenericError)?.error) && !this._mfaToken;
    return html`<form part="form" ?hidden=${state === 'done'} @submit=${this._submit}>
        <slot>Verify it's you</slot>
        ${this._factors.length > 1
          ? html`<select part="factor" aria-label="Factor" ?disabled=${state === 'busy'} @change=${this._pick}>
              ${this._factors.map((a, i) => html`<option value=${i} ?selected=${i === this._factor}>${LABELS[a.type ?? ''] ?? a.type}${a.name && a.type !== 'otp' ? ` (${a.name})` : ''}</option>`)}
            </select>`
          : nothing}
        <span part="message" role="status" ?hidden=${!this._oobCode}><slot name="sent">We sent a code to your email.</slot></span>
        <input part="input" name="code" autocomplete="one-time-code" aria-label="Code" required
          inputmode=${factor?.type === 'recovery-code' ? 'text' : 'numeric'} ?disabled=${state === 'busy' || !this._mfaToken} />
        <button part="button" type="submit" ?disabled=${state === 'busy' || !this._mfaToken}><slot name="submit">Verify</slot></button>
        <span part="error" role="alert" ?hidden=${state !== 'error'}>${this._error?.message ?? ''}</span>
        <button part="restart" type="button" ?hidden=${!restart} @click=${() => this.start()}><slot name="restart">Start again</slot></button>
      </form>
      <span part="done" role="status" ?hidden=${state !== 'done'}><slot name="done">Verified</slot></span>`;
  }

  /** Sends the email code for an out-of-band factor (an app's code needs nothing sent). */
  private async _challenge(): Promise<void> {
    const client = this.session!.client!;
    const factor = this._factors[this._factor];
    this._oobCode = undefined;
    if (factor.type === 'email' || factor.authenticatorType === 'oob') {
      this._oobCode = (await client.mfa.challenge({ mfaToken: this._mfaToken!, challengeType: 'oob', authenticatorId: factor.id })).oobCode;
    } else if (factor.type === 'otp') {
      await client.mfa.challenge({ mfaToken: this._mfaToken!, challengeType: 'otp', authenticatorId: factor.id });
    }
    this._show('code');
  }

  private async _pick(event: Event): Promise<void> {
    this._factor = Number((event.target as HTMLSelectElement).value);
    this._show('busy');
    await this._challenge().catch((e) => this._fail(e));
  }

  private async _submit(event: Event): Promise<void> {
    event.preventDefault();
    const client = this.session?.client;
    const input = this.renderRoot.querySelector<HTMLInputElement>('[part=input]')!;
    const code = input.value.trim();
    if (!client || !this._mfaToken || !code) return;
    const factor = this._factors[this._factor];
    const proof = factor.type === 'recovery-code' ? { recoveryCode: code } : this._oobCode ? { oobCode: this._oobCode, bindingCode: code } : { otp: code };
    this._show('busy');
    try {
      await client.mfa.verify({ mfaToken: this._mfaToken, ...proof });
      this._mfaToken = undefined;
      input.value = '';
      this._verified();
    } catch (e) {
      const error = e as GenericError;
      // A wrong code keeps the step-up; an expired or used-up one needs a new start.
      if (error.error !== 'invalid_grant' || /mfa_token/i.test(error.error_description ?? '')) this._mfaToken = undefined;
      if (error.error === 'expired_token') this._mfaToken = undefined;
      this._fail(error);
    }
  }

  private _verified(): void {
    this._show('done');
    emit(this, 'auth0-mfa-verified', { audience: this._audience });
    const target = this.for ? (document.getElementById(this.for) as { refetch?: () => unknown } | null) : null;
    target?.refetch?.();
  }

  private _fail(error: Error): void {
    this._show('error', error);
    emit(this, 'auth0-error', { error });
  }

  private _show(state: State, error?: Error): void {
    this._state = state;
    this._error = error;
    this.requestUpdate();
  }

  // The `for` element's request was refused with mfa_required: step up.
  private readonly _onError = (event: Event): void => {
    const error = (event as CustomEvent).detail?.error;
    if (!this.for || error?.error !== 'mfa_required' || (event.target as Element)?.id !== this.for) return;
    if (this._state !== 'busy' && this._state !== 'code') void this.start();
  };
}
