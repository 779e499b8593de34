import { html, nothing, type CSSResultOrNative } from 'lit';
import { MfaRequiredError, type GenericError } from '../../src/index.js';
import type { Authenticator } from '../../src/mfa/types.js';
import { allows } from '../provider/policy.js';
import { emit } from '../events.js';
import type { Auth0MfaChallenge } from './mfa-challenge.component.js';
import styles from './mfa-challenge.styles.js';

type State = 'idle' | 'busy' | 'code' | 'done' | 'error';

/** What each factor type asks the user for, and how it is verified. */
const LABELS: Record<string, string> = { otp: 'Authenticator app', email: 'Email', 'recovery-code': 'Recovery code' };

/** The body of `<auth0-mfa-challenge>` (a lazy chunk, see lazy-body.ts): its state, form and calls. */
export default class MfaChallengeBody {
  static styles: CSSResultOrNative[] = styles;

  private _state: State = 'idle';
  private _error?: Error;
  private _mfaToken?: string;
  private _factors: Authenticator[] = [];
  private _factor = 0;
  private _oobCode?: string;
  private _audience = '';

  constructor(private readonly host: Auth0MfaChallenge) {}

  /** The host's `start()`. */
  async start(): Promise<void> {
    const host = this.host;
    const client = host._shownSession?.client;
    if (!client) return;
    const target = host.for ? (document.getElementById(host.for) as { audience?: string } | null) : null;
    const audience = host.audience || target?.audience || '';
    this._audience = audience;
    this._mfaToken = undefined;
    this._show('busy');
    try {
      for (const [kind, value] of [['audience', audience], ...(host.scope?.split(' ').filter(Boolean) ?? []).map((s) => ['scope', s])] as Array<['audience' | 'scope', string]>) {
        if (!value || !allows(client, kind, value)) throw Object.assign(new Error(`${kind}_not_allowed: ${value}`), { error: `${kind}_not_allowed` });
      }
      await client.getTokenSilently({ authorizationParams: { audience, ...(host.scope && { scope: host.scope }) } });
      this._verified(); // no second factor needed (any more)
    } catch (e) {
      if (!(e instanceof MfaRequiredError)) return this._fail(e as Error);
      this._mfaToken = e.mfa_token;
      try {
        this._factors = (await client.mfa.getAuthenticators(e.mfa_token)).filter((a) => a.active);
        if (!this._factors.length) throw Object.assign(new Error('No second factor is enrolled: enroll one first'), { error: 'mfa_enrollment_required' });
        this._factor = Math.max(0, this._factors.findIndex((a) => a.type === 'otp'));
        await this._challenge();
        emit(host, 'auth0-mfa-required', { audience });
      } catch (error) {
        this._fail(error as Error);
      }
    }
  }

  render() {
    if (!this.host._shownSession || this._state === 'idle') return nothing;
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

  /** An `auth0-error` on the page: the `for` element's request was refused with mfa_required: step up. */
  onError(event: Event): void {
    const error = (event as CustomEvent).detail?.error;
    if (!this.host.for || error?.error !== 'mfa_required' || (event.target as Element)?.id !== this.host.for) return;
    if (this._state !== 'busy' && this._state !== 'code') void this.start();
  }

  /** Sends the email code for an out-of-band factor (an app's code needs nothing sent). */
  private async _challenge(): Promise<void> {
    const client = this.host._shownSession!.client!;
    const factor = this._factors[this._factor];
    this._oobCode = undefined;
    if (factor.type === 'email' || factor.authenticatorType === 'oob') {
      this._oobCode = (await client.mfa.challenge({ mfaToken: this._mfaToken!, challengeType: 'oob', authenticatorId: factor.id })).oobCode;
    } else if (factor.type === 'otp') {
      await client.mfa.challenge({ mfaToken: this._mfaToken!, challengeType: 'otp', authenticatorId: factor.id });
    }
    this._show('code');
  }

  private readonly _pick = async (event: Event): Promise<void> => {
    this._factor = Number((event.target as HTMLSelectElement).value);
    this._show('busy');
    await this._challenge().catch((e) => this._fail(e));
  };

  private readonly _submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const client = this.host._shownSession?.client;
    const input = this.host.renderRoot.querySelector<HTMLInputElement>('[part=input]')!;
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
  };

  private _verified(): void {
    this._show('done');
    emit(this.host, 'auth0-mfa-verified', { audience: this._audience });
    const target = this.host.for ? (document.getElementById(this.host.for) as { refetch?: () => unknown } | null) : null;
    target?.refetch?.();
  }

  private _fail(error: Error): void {
    this._show('error', error);
    emit(this.host, 'auth0-error', { error });
  }

  private _show(state: State, error?: Error): void {
    this._state = state;
    this._error = error;
    this.host.requestUpdate();
  }
}
