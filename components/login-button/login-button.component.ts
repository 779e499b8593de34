import { html, nothing } from 'lit';
import { Auth0ConsumerElement } from '../internal/consumer-element.js';
import { emit } from '../events.js';
import styles from './login-button.styles.js';

/**
 * A real `<button>` that starts a login with the provider's engine: a redirect to the tenant's
 * login page (default) or a popup. Hidden while the session loads and while a user is signed in,
 * unless `always` is set.
 *
 * @summary Log in with Auth0.
 *
 * @slot - The label. Default: "Log in".
 *
 * @csspart button - The `<button>`.
 *
 * @cssproperty --auth0-button-background - Button background (default `#635dff`).
 * @cssproperty --auth0-button-color - Label color (default `#fff`).
 * @cssproperty --auth0-button-border - Button border (default `none`).
 * @cssproperty --auth0-button-radius - Corner radius (default `0.375rem`).
 * @cssproperty --auth0-button-padding - Padding (default `0.5em 1em`).
 * @cssproperty --auth0-button-font - Font (default `inherit`).
 * @cssproperty --auth0-focus-ring - Focus outline (default `2px solid #635dff`).
 *
 * @event {Auth0LoginDetail} auth0-login - Cancelable, fired before the page leaves or the popup opens: `{mode}`.
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
    _busy: { state: true },
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

  private _busy = false;

  protected override render() {
    const session = this.session;
    if (!session) return nothing;
    const visible = this.always || session.status === 'anonymous' || session.status === 'error';
    return html`<button part="button" type="button" ?hidden=${!visible} ?disabled=${this._busy || !session.client}
      @click=${this._login}><slot>Log in</slot></button>`;
  }

  private _login(): void {
    const client = this.session?.client;
    if (!client || !emit(this, 'auth0-login', { mode: this.mode }, true)) return;
    const { organization, invitation, screenHint, connection, loginHint, audience, scope } = this;
    const params = { organization, invitation, screen_hint: screenHint, connection, login_hint: loginHint, audience, scope };
    const authorizationParams = Object.fromEntries(Object.entries(params).filter(([, value]) => value));
    // No await before this call: the popup must open inside the click's user activation.
    const login = this.mode === 'popup'
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
