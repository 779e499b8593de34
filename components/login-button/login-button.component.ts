import { html, nothing } from 'lit';
import type { EmailFirstForm } from './email-first-form.js';
import { Auth0ConsumerElement } from '../internal/consumer-element.js';
import { emit } from '../events.js';
import styles from './login-button.styles.js';

/**
 * A real `<button>` that starts a login with the provider's engine: a redirect to the tenant's
 * login page (default) or a popup. Hidden while the session loads and while a user is signed in,
 * unless `always` is set. With `email-first` it asks for the email address first: users whose email
 * domain the tenant federates to an enterprise connection (Enterprise Connect, `isFederatedDomain`)
 * go there with `login_hint`; the others log in as usual, with the email as `login_hint`.
 *
 * @summary Log in with Auth0.
 *
 * @slot - The label. Default: "Log in".
 *
 * @csspart button - The `<button>`.
 * @csspart form - With `email-first`: the form around the email field and the button.
 * @csspart email - With `email-first`: the email `<input>`.
 *
 * @cssproperty --auth0-button-background - Button background (default `#635dff`).
 * @cssproperty --auth0-button-color - Label color (default `#fff`).
 * @cssproperty --auth0-button-border - Button border (default `none`).
 * @cssproperty --auth0-button-radius - Corner radius (default `0.375rem`).
 * @cssproperty --auth0-button-padding - Padding (default `0.5em 1em`).
 * @cssproperty --auth0-button-font - Font (default `inherit`).
 * @cssproperty --auth0-focus-ring - Focus outline (default `2px solid #635dff`).
 *
 * @event {Auth0LoginDetail} auth0-login - Cancelable, fired before the page leaves or the popup opens: `{mode}` (with `email-first` also `federated`).
 * @event {Auth0ErrorDetail} auth0-error - The login failed (popup closed, blocked, timed out, …): `{error}`.
 */
export class Auth0LoginButton extends Auth0ConsumerElement {
  static override styles = styles;

  static override properties = {
    mode: {},
    organization: {},
    invitation: {},
    screenHint: { attribute: 'screen-hint' },
    connection: {},
    loginHint: { attribute: 'login-hint' },
    audience: {},
    scope: {},
    always: { type: Boolean },
    emailFirst: { type: Boolean, attribute: 'email-first' },
    _busy: { state: true },
    _form: { state: true },
  };
  static override shadowRootOptions = { ...Auth0ConsumerElement.shadowRootOptions, delegatesFocus: true };

  /** `redirect` (default): leave for the login page; `popup`: log in in a popup window. */
  mode: 'redirect' | 'popup' = 'redirect';

  /** Log in to this organization (id or name). */
  organization?: string;

  /** An organization invitation ticket id. */
  invitation?: string;

  /** `signup` opens the sign-up form instead of the login form. */
  screenHint?: string;

  /** Skip the login page and go straight to this connection (e.g. `google-oauth2`). */
  connection?: string;

  /** Prefill the username or email field. */
  loginHint?: string;

  /** Ask for a token for this API instead of the provider's. */
  audience?: string;

  /** Scopes to ask for in addition to the provider's. */
  scope?: string;

  /** Stay visible while a user is signed in (e.g. to switch accounts). */
  always = false;

  /**
   * Ask for the email first (a redirect login): enterprise users go to their connection
   * (`login_hint`, without `connection`), the others log in with the email as `login_hint`.
   */
  emailFirst = false;

  _busy = false;

  /** With `email-first`: the form's template, loaded when first needed (a chunk of its own). */
  private _form?: EmailFirstForm;

  protected override willUpdate(): void {
    if (this.emailFirst && !this._form) void import('./email-first-form.js').then((m) => (this._form = m.emailFirstForm));
  }

  protected override render() {
    const session = this.session;
    if (!session) return nothing;
    const visible = this.always || session.status === 'anonymous' || session.status === 'error';
    const disabled = this._busy || !session.client;
    if (this.emailFirst) return this._form?.(this, visible, disabled, session.client) ?? nothing;
    return html`<button part="button" type="button" ?hidden=${!visible} ?disabled=${disabled}
      @click=${this._login}><slot>Log in</slot></button>`;
  }

  /** The button's authorization parameters (the ones set). */
  _params(): Record<string, string> {
    const { organization, invitation, screenHint, connection, loginHint, audience, scope } = this;
    const params = { organization, invitation, screen_hint: screenHint, connection, login_hint: loginHint, audience, scope };
    return Object.fromEntries(Object.entries(params).filter(([, value]) => value)) as Record<string, string>;
  }

  private _login(): void {
    this._go(this.mode, this._params());
  }

  /** Fires `auth0-login` and, unless it is cancelled, starts the login. */
  _go(mode: 'redirect' | 'popup', authorizationParams: Record<string, string>, federated?: boolean): void {
    const client = this.session?.client;
    if (!client || !emit(this, 'auth0-login', federated === undefined ? { mode } : { mode, federated }, true)) return;
    // No await before this call: the popup must open inside the click's user activation.
    const login = mode === 'popup'
      ? client.loginWithPopup({ authorizationParams })
      : client.loginWithRedirect({ authorizationParams, appState: { returnTo: location.href } });
    this._busy = true;
    login.then(
      () => (this._busy = false),
      (error: Error) => {
        this._busy = false;
        // The engine may have reported it in its state already (the provider then fires it).
        if (this.session?.error !== error) emit(this, 'auth0-error', { error });
      },
    );
  }
}
