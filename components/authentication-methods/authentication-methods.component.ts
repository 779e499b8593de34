import type { AuthenticationMethodType } from '../../src/my-account/types.js';
import { Auth0ConsumerElement } from '../internal/consumer-element.js';
import { LazyBody } from '../internal/lazy-body.js';

/**
 * `auth0-method-enrolled` / `auth0-method-renamed` / `auth0-method-removed`: the user changed one
 * of their authentication methods. Ids and names only: never a secret, a code or a token.
 */
export interface Auth0AuthenticationMethodDetail {
  /** The method's id at the My Account API (e.g. `totp|dev_…`). */
  id: string;
  type: AuthenticationMethodType;
  /** Its name, when the type has one (after a rename: the new name). */
  name?: string;
}

declare module '../events.js' {
  interface Auth0EventMap {
    'auth0-method-enrolled': Auth0AuthenticationMethodDetail;
    'auth0-method-renamed': Auth0AuthenticationMethodDetail;
    'auth0-method-removed': Auth0AuthenticationMethodDetail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'auth0-method-enrolled': CustomEvent<Auth0AuthenticationMethodDetail>;
    'auth0-method-renamed': CustomEvent<Auth0AuthenticationMethodDetail>;
    'auth0-method-removed': CustomEvent<Auth0AuthenticationMethodDetail>;
  }
}

/**
 * The signed-in user's authentication methods, from the My Account API through the provider's
 * `client.myAccount`: lists them; enrolls an authenticator app — a QR code of its `otpauth://`
 * URI drawn as inline SVG (no image service sees it; the encoder is a chunk loaded only when
 * enrolling) and the secret as text, then the app's first code verifies it; renames and removes
 * methods. The secret, the enrollment's session and every token stay in this element's script
 * and shadow root, never in an attribute or an event; a cancelled, finished or signed-out
 * enrollment forgets them. A wrong code shows the tenant's error and keeps the enrollment; any
 * failed call fires `auth0-error` and shows its message. Renders nothing unless a user is signed in.
 *
 * @summary Manage your sign-in factors (My Account API): list, enroll an app, rename, remove.
 *
 * @slot - The heading. Default: "Sign-in methods".
 * @slot loading - Shown while the list loads. Default: "Loading…".
 * @slot empty - Shown when the user has no method. Default: "No sign-in methods yet.".
 * @slot enroll - The add button's label. Default: "Add an authenticator app".
 * @slot instructions - Above the QR code. Default: "Scan this QR code with your authenticator app, then enter the code it shows.".
 * @slot secret-label - Before the secret (for typing it in by hand). Default: "Or enter this key:".
 * @slot code-label - The code input's accessible label. Default: "Code from the app".
 * @slot verify - The verify button's label. Default: "Verify".
 * @slot cancel - The cancel button's label (enrollment, rename, remove). Default: "Cancel".
 * @slot save - The rename form's save button. Default: "Save".
 * @slot confirm-remove - The button that confirms a removal. Default: "Remove it".
 * @slot retry - The try-again button after the list failed to load. Default: "Try again".
 * @slot rename - The text of every row's rename button. Default: "Rename".
 * @slot remove - The text of every row's remove button. Default: "Remove".
 * @slot type-totp - The text naming authenticator apps. Default: "Authenticator app".
 * @slot type-email - The text naming email methods. Default: "Email".
 * @slot type-phone - The text naming phone methods. Default: "Phone".
 * @slot type-recovery-code - The text naming recovery codes. Default: "Recovery code".
 * @slot type-passkey - The text naming passkeys. Default: "Passkey".
 * @slot type-password - The text naming passwords. Default: "Password".
 * @slot type-push-notification - The text naming push notifications. Default: "Push notification".
 * @slot type-webauthn-platform - The text naming device biometrics. Default: "Device biometrics".
 * @slot type-webauthn-roaming - The text naming security keys. Default: "Security key".
 *
 * @csspart base - The wrapper of everything.
 * @csspart heading - The heading.
 * @csspart loading - The loading note.
 * @csspart empty - The no-method note.
 * @csspart list - The `<ul>` of methods.
 * @csspart method - One method's `<li>`.
 * @csspart name - A method's name (its email, phone number or type when it has none).
 * @csspart type - A method's type.
 * @csspart rename-button - A row's rename `<button>`.
 * @csspart remove-button - A row's remove `<button>`.
 * @csspart rename-form - The rename `<form>` of the row being renamed.
 * @csspart rename-input - Its name `<input>`.
 * @csspart save-button - Its save `<button>`.
 * @csspart confirm-remove-button - The `<button>` confirming a removal.
 * @csspart cancel-button - The cancel `<button>` of a rename, a removal or an enrollment.
 * @csspart enroll-button - The add-an-authenticator-app `<button>`.
 * @csspart enrollment - The pending enrollment: instructions, QR code, secret, code form.
 * @csspart qr - The QR code `<svg>`.
 * @csspart secret - The secret as text.
 * @csspart verify-form - The enrollment's code `<form>`.
 * @csspart code-input - The code `<input>`.
 * @csspart verify-button - The verify `<button>`.
 * @csspart retry-button - The try-again `<button>` after loading failed.
 * @csspart error - The error message.
 *
 * @cssproperty --auth0-methods-gap - Space between rows and sections (default `0.75em`).
 * @cssproperty --auth0-methods-width - Maximum width (default `32em`).
 * @cssproperty --auth0-methods-divider - Border under each method (default `1px solid #e3e3ee`).
 * @cssproperty --auth0-methods-muted-color - Color of a method's type (default `#666`).
 * @cssproperty --auth0-methods-error-color - Color of the error message (default `#b00020`).
 * @cssproperty --auth0-qr-size - Width and height of the QR code (default `12em`).
 * @cssproperty --auth0-qr-color - Color of the QR code's dark modules (default `#000`).
 * @cssproperty --auth0-qr-background - Background of the QR code (default `#fff`).
 * @cssproperty --auth0-button-background - Button background (default `#635dff`).
 * @cssproperty --auth0-button-color - Button label color (default `#fff`).
 * @cssproperty --auth0-button-border - Button border (default `none`).
 * @cssproperty --auth0-button-radius - Corner radius (default `0.375rem`).
 * @cssproperty --auth0-button-padding - Padding (default `0.5em 1em`).
 * @cssproperty --auth0-button-font - Font (default `inherit`).
 * @cssproperty --auth0-focus-ring - Focus outline (default `2px solid #635dff`).
 *
 * @event {Auth0AuthenticationMethodDetail} auth0-method-enrolled - The user verified a new authenticator app: `{id, type, name}`.
 * @event {Auth0AuthenticationMethodDetail} auth0-method-renamed - The user renamed a method: `{id, type, name}` (the new name).
 * @event {Auth0AuthenticationMethodDetail} auth0-method-removed - The user removed a method: `{id, type}`.
 * @event {Auth0ErrorDetail} auth0-error - A call failed (the list, a wrong or expired code, a refused rename or removal, the tenant down): `{error}`, the engine's `MyAccountApiError` or `GenericError`.
 */
export class Auth0AuthenticationMethods extends Auth0ConsumerElement {
  // The list, the forms, the QR code and the calls to client.myAccount: a chunk loaded on first
  // connect (lazy-body.ts); the QR encoder is one more, loaded when enrolling.
  private readonly _body = new LazyBody(this, () => import('./authentication-methods.body.js'));

  /**
   * Loads the list again from the My Account API (it loads by itself when a user signs in).
   * Resolves once it is shown; a failure is shown and fired as `auth0-error`.
   */
  async refresh(): Promise<void> {
    return (await this._body.ready()).refresh();
  }

  /**
   * Starts enrolling an authenticator app (as the add button does): asks the My Account API for
   * a TOTP enrollment and shows its QR code, its secret and the code form. Resolves once shown.
   */
  async enroll(): Promise<void> {
    return (await this._body.ready()).enroll();
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
}
