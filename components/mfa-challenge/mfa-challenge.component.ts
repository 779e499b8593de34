import { Auth0ConsumerElement } from '../internal/consumer-element.js';
import { LazyBody } from '../internal/lazy-body.js';

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

  // The form, the factors and the calls to client.mfa: a chunk loaded on first connect (lazy-body.ts).
  private readonly _body = new LazyBody(this, () => import('./mfa-challenge.body.js'));

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
    return (await this._body.ready()).start();
  }

  /** @internal The session, for the body. */
  get _shownSession() {
    return this.session;
  }

  protected override render() {
    return this._body.render();
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    await this._body.ready().catch(() => {}); // an auth0-error already
    return super.getUpdateComplete();
  }

  // An auth0-error anywhere (the `for` element's mfa_required): the body decides, once loaded.
  private readonly _onError = (event: Event): void => void this._body.ready().then((body) => body.onError(event));
}
