import { Auth0ConsumerElement } from '../internal/consumer-element.js';
import { LazyBody } from '../internal/lazy-body.js';
import styles from './passkey-button.styles.js';

/** `auth0-passkey-start` (cancelable) / `auth0-passkey-complete`: a passkey signup or login starts / signed the user in (no token in it). */
export interface Auth0PasskeyDetail {
  mode: 'login' | 'signup';
}

declare module '../events.js' {
  interface Auth0EventMap {
    'auth0-passkey-start': Auth0PasskeyDetail;
    'auth0-passkey-complete': Auth0PasskeyDetail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'auth0-passkey-start': CustomEvent<Auth0PasskeyDetail>;
    'auth0-passkey-complete': CustomEvent<Auth0PasskeyDetail>;
  }
}

/** What the element shows (its `state` attribute). */
export type Auth0PasskeyState = 'idle' | 'busy' | 'cancelled' | 'no-credential' | 'unsupported' | 'error';

/**
 * A real `<button>` that signs the visitor up or in with a passkey (WebAuthn) through the
 * provider's engine (`client.passkey.signup` / `login`, whose code loads on the first click): no
 * password, no page left. `mode="signup"` creates the user with the email of the `email`
 * attribute or of an `<input slot="email">`. Once the tenant has answered the session holds the
 * tokens, the provider turns `authenticated`, and the button hides (unless `always`), as while
 * the session loads.
 *
 * Without WebAuthn the button is hidden (unless `show-unsupported`) and the `fallback` slot shows.
 * Closing the browser's passkey prompt shows the `cancelled` state; a login for which the device
 * offers no passkey shows `no-credential` (and the fallback). Both, like every failure, are also
 * an `auth0-error` event; nothing is thrown. WebAuthn does not tell a page whether the device holds
 * a passkey for it (on purpose, against probing): the element calls it `no-credential` when this
 * browser has never made or used a passkey of this client (a flag in localStorage,
 * `auth0.<clientId>.passkey`), `cancelled` otherwise.
 *
 * @summary Sign up or log in with a passkey.
 *
 * @slot - The label. Default: "Log in with a passkey" / "Sign up with a passkey".
 * @slot email - With `mode="signup"` and no `email` attribute: the `<input type="email">` to read the address from (Enter starts the signup).
 * @slot fallback - Shown without WebAuthn and in the `no-credential` state: another way in (a password login button, a link).
 * @slot cancelled - The `cancelled` message. Default: "Cancelled: no passkey was used."
 * @slot no-credential - The `no-credential` message. Default: "No passkey for this site on this device."
 * @slot unsupported - With `show-unsupported`, the message without WebAuthn. Default: "This browser cannot use passkeys."
 *
 * @csspart button - The `<button>`.
 * @csspart message - The state's message (cancelled, no passkey, unsupported, the error's text).
 *
 * @cssproperty --auth0-button-background - Button background (default `#635dff`).
 * @cssproperty --auth0-button-color - Label color (default `#fff`).
 * @cssproperty --auth0-button-border - Button border (default `none`).
 * @cssproperty --auth0-button-radius - Corner radius (default `0.375rem`).
 * @cssproperty --auth0-button-padding - Padding (default `0.5em 1em`).
 * @cssproperty --auth0-button-font - Font (default `inherit`).
 * @cssproperty --auth0-focus-ring - Focus outline (default `2px solid #635dff`).
 * @cssproperty --auth0-passkey-gap - Space between the email field, the button and the message (default `0.5em`).
 * @cssproperty --auth0-passkey-message-color - The message's color (default `#666`).
 * @cssproperty --auth0-passkey-error-color - The message's color in the `error` state (default `#b00020`).
 *
 * @event {Auth0PasskeyDetail} auth0-passkey-start - Cancelable, fired on the click before the passkey prompt: `{mode}`.
 * @event {Auth0PasskeyDetail} auth0-passkey-complete - The user is signed in (the provider's session follows): `{mode}`.
 * @event {Auth0ErrorDetail} auth0-error - `{error}`, with `error.code` (and `error.error`): `passkey_cancelled`, `passkey_no_credential`, `passkey_not_supported`, `email_required`, `passkey_exists` (signup on a device that has this user's passkey), or the engine's (`passkey_register_error`, `passkey_challenge_error`, the tenant's `invalid_grant`, …).
 */
export class Auth0PasskeyButton extends Auth0ConsumerElement {
  static override styles = styles;

  static override properties = {
    mode: {},
    email: {},
    connection: {},
    organization: {},
    audience: {},
    scope: {},
    always: { type: Boolean },
    showUnsupported: { type: Boolean, attribute: 'show-unsupported' },
    state: { reflect: true },
    _error: { state: true },
  };
  static override shadowRootOptions = { ...Auth0ConsumerElement.shadowRootOptions, delegatesFocus: true };

  /** `login` (default): with a passkey on this device; `signup`: create the user and their passkey. */
  mode: 'login' | 'signup' = 'login';

  /** Signup: the new user's email (else the `email` slot's input is read). */
  email?: string;

  /** The database connection (sent as `realm`); default the tenant's. */
  connection?: string;

  /** Sign up or in to this organization (id or name). */
  organization?: string;

  /** Ask for a token for this API instead of the provider's. */
  audience?: string;

  /** Scopes to ask for in addition to the provider's. */
  scope?: string;

  /** Stay visible while a user is signed in. */
  always = false;

  /** Without WebAuthn, show the button anyway (disabled, with the `unsupported` message). */
  showUnsupported = false;

  /** Read-only: what the element shows — `idle`, `busy`, `cancelled`, `no-credential`, `unsupported`, `error`. Reflected for CSS. */
  state: Auth0PasskeyState = 'idle';

  _error?: Error;

  // The template and the click that runs client.passkey: a chunk loaded on first connect (lazy-body.ts).
  private readonly _body = new LazyBody(this, () => import('./passkey-button.body.js'));

  /** @internal The session, for the body. */
  get _shownSession() {
    return this.session;
  }

  protected override willUpdate(): void {
    if (!(typeof PublicKeyCredential === 'function' && navigator.credentials)) this.state = 'unsupported';
    else if (this.state === 'unsupported') this.state = 'idle';
  }

  protected override render() {
    return this._body.render();
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    await this._body.ready().catch(() => {}); // an auth0-error already
    return super.getUpdateComplete();
  }
}
