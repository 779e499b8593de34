import { html, nothing, svg } from 'lit';
import type { AuthenticationMethod, AuthenticationMethodType } from '../../src/my-account/types.js';
import { Auth0ConsumerElement } from '../internal/consumer-element.js';
import { emit } from '../events.js';
import type { QrPath } from './qr-code.js';
import styles from './authentication-methods.styles.js';

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

/** The fallback label of each type; slot `type-<type>` replaces it. */
const TYPES: Record<AuthenticationMethodType, string> = {
  totp: 'Authenticator app',
  email: 'Email',
  phone: 'Phone',
  'recovery-code': 'Recovery code',
  passkey: 'Passkey',
  password: 'Password',
  'push-notification': 'Push notification',
  'webauthn-platform': 'Device biometrics',
  'webauthn-roaming': 'Security key',
};

/** Types whose methods carry a `name` the user may change (the My Account API's metadata). */
const RENAMABLE = new Set<string>(['totp', 'email', 'phone', 'push-notification', 'webauthn-platform', 'webauthn-roaming']);

/** A pending authenticator-app enrollment: what verifying it needs, and what the user is shown. */
interface Enrollment {
  location: string;
  authSession: string;
  qr: QrPath;
  /** The TOTP secret for typing in by hand (shown as text, in this shadow root only). */
  secret: string;
}

/** A row being renamed or about to be removed. */
interface Editing {
  id: string;
  mode: 'rename' | 'remove';
}

/** The `secret` of an `otpauth://` URI (RFC 6238 apps' Key URI format), or `''`. */
const secretOf = (uri: string): string => {
  try {
    return new URL(uri).searchParams.get('secret') ?? '';
  } catch {
    return '';
  }
};

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
  static override styles = styles;

  private _methods?: AuthenticationMethod[];
  private _loading = false;
  private _busy = false;
  private _error?: Error;
  private _failedList = false;
  private _enrollment?: Enrollment;
  private _editing?: Editing;
  /** The user whose list is shown (a new sign-in reloads it). */
  private _loadedFor?: string;

  /**
   * Loads the list again from the My Account API (it loads by itself when a user signs in).
   * Resolves once it is shown; a failure is shown and fired as `auth0-error`.
   */
  async refresh(): Promise<void> {
    const client = this.session?.client;
    if (!client || this.session?.status !== 'authenticated') return;
    this._loading = true;
    this.requestUpdate();
    try {
      const methods: AuthenticationMethod[] = await client.myAccount.getAuthenticationMethods();
      this._methods = methods.filter((m) => !('confirmed' in m) || m.confirmed !== false);
      // The list's own earlier failure is over; an action's error stays until the next action.
      if (this._failedList) this._error = undefined;
      this._failedList = false;
    } catch (error) {
      this._failedList = true;
      this._fail(error as Error);
    } finally {
      this._loading = false;
      this.requestUpdate();
    }
  }

  /**
   * Starts enrolling an authenticator app (as the add button does): asks the My Account API for
   * a TOTP enrollment and shows its QR code, its secret and the code form. Resolves once shown.
   */
  async enroll(): Promise<void> {
    const client = this.session?.client;
    if (!client || this._busy) return;
    this._editing = undefined;
    await this._act(async () => {
      const [challenge, { qrPath }] = await Promise.all([client.myAccount.enrollmentChallenge({ type: 'totp' }), import('./qr-code.js')]);
      if (challenge.type !== 'totp' || !challenge.barcode_uri?.startsWith('otpauth://')) {
        throw Object.assign(new Error('The My Account API did not answer with an authenticator-app enrollment'), { error: 'invalid_response' });
      }
      this._enrollment = {
        location: challenge.location,
        authSession: challenge.auth_session,
        qr: qrPath(challenge.barcode_uri),
        secret: challenge.manual_input_code || secretOf(challenge.barcode_uri),
      };
    });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('[part=code-input]')?.focus();
  }

  protected override willUpdate(): void {
    const session = this.session;
    const sub = session?.status === 'authenticated' ? session.user?.sub : undefined;
    if (sub === this._loadedFor) return;
    // Another user, or nobody: nothing of the previous one stays, the pending secret least of all.
    this._loadedFor = sub;
    this._methods = this._error = this._enrollment = this._editing = undefined;
    this._failedList = false;
    if (sub) void this.refresh();
  }

  protected override render() {
    if (this.session?.status !== 'authenticated') return nothing;
    const methods = this._methods ?? [];
    const enrolling = this._enrollment;
    const idle = !this._busy && !this._loading;
    return html`<div part="base">
      <div part="heading"><slot>Sign-in methods</slot></div>
      <span part="loading" role="status" ?hidden=${!this._loading}><slot name="loading">Loading…</slot></span>
      <span part="empty" ?hidden=${!this._methods || methods.length > 0}><slot name="empty">No sign-in methods yet.</slot></span>
      <ul part="list" ?hidden=${!methods.length}>${methods.map((m) => this._row(m, idle))}</ul>
      ${enrolling ? this._enrollmentForm(enrolling) : html`<button part="enroll-button" type="button" ?hidden=${!this._methods} ?disabled=${!idle} @click=${() => this.enroll()}><slot name="enroll">Add an authenticator app</slot></button>`}
      <span part="error" role="alert" ?hidden=${!this._error}>${this._error?.message ?? ''}</span>
      <button part="retry-button" type="button" ?hidden=${!this._failedList || this._loading} @click=${() => this.refresh()}><slot name="retry">Try again</slot></button>
      <div hidden>${['rename', 'remove', ...Object.keys(TYPES).map((t) => `type-${t}`)].map((name) => html`<slot name=${name} @slotchange=${() => this.requestUpdate()}></slot>`)}</div>
    </div>`;
  }

  private _row(method: AuthenticationMethod, idle: boolean) {
    const editing = this._editing?.id === method.id ? this._editing.mode : undefined;
    const type = this._label(`type-${method.type}`, TYPES[method.type] ?? method.type);
    const named = method as { name?: string; email?: string; phone_number?: string };
    const name = named.name || named.email || named.phone_number || type;
    const controls = idle && !this._enrollment && !this._editing;
    return html`<li part="method">
      ${editing === 'rename'
        ? html`<form part="rename-form" @submit=${(e: Event) => this._rename(e, method)}>
            <input part="rename-input" name="name" required maxlength="100" aria-label=${type} .value=${named.name ?? ''} ?disabled=${!idle} />
            <button part="save-button" type="submit" ?disabled=${!idle}><slot name="save">Save</slot></button>
            ${this._cancel(idle)}
          </form>`
        : html`<span part="name">${name}</span><span part="type">${type}</span>
          ${editing === 'remove'
            ? html`<button part="confirm-remove-button" type="button" ?disabled=${!idle} @click=${() => this._remove(method)}><slot name="confirm-remove">Remove it</slot></button>${this._cancel(idle)}`
            : html`<button part="rename-button" type="button" ?hidden=${!RENAMABLE.has(method.type)} ?disabled=${!controls} @click=${() => this._edit(method.id, 'rename')}>${this._label('rename', 'Rename')}</button>
              <button part="remove-button" type="button" ?hidden=${method.type === 'password'} ?disabled=${!controls} @click=${() => this._edit(method.id, 'remove')}>${this._label('remove', 'Remove')}</button>`}`}
    </li>`;
  }

  private _enrollmentForm(enrollment: Enrollment) {
    const idle = !this._busy;
    const { size, path } = enrollment.qr;
    const edge = size + 8; // a quiet zone of 4 modules on each side (ISO/IEC 18004 §6.3.8)
    return html`<div part="enrollment">
      <slot name="instructions">Scan this QR code with your authenticator app, then enter the code it shows.</slot>
      ${svg`<svg part="qr" role="img" aria-label="QR code" viewBox="-4 -4 ${edge} ${edge}" shape-rendering="crispEdges"><path d=${path} fill="currentColor"/></svg>`}
      <span><slot name="secret-label">Or enter this key:</slot> <code part="secret">${enrollment.secret}</code></span>
      <form part="verify-form" @submit=${this._verify}>
        <label><slot name="code-label">Code from the app</slot>
          <input part="code-input" name="code" autocomplete="one-time-code" inputmode="numeric" pattern="[0-9 ]{6,8}" required ?disabled=${!idle} /></label>
        <button part="verify-button" type="submit" ?disabled=${!idle}><slot name="verify">Verify</slot></button>
        ${this._cancel(idle)}
      </form>
    </div>`;
  }

  private _cancel(idle: boolean) {
    return html`<button part="cancel-button" type="button" ?disabled=${!idle} @click=${this._stop}><slot name="cancel">Cancel</slot></button>`;
  }

  /** The text of the light-DOM children in slot `name`, or `fallback` (labels used on every row). */
  private _label(name: string, fallback: string): string {
    const text = [...this.children].filter((child) => child.slot === name).map((child) => child.textContent ?? '').join('').trim();
    return text || fallback;
  }

  private _edit(id: string, mode: Editing['mode']): void {
    this._editing = { id, mode };
    this._error = undefined;
    this.requestUpdate();
    if (mode === 'rename') void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('[part=rename-input]')?.select());
  }

  /** Cancel: the rename or removal is dropped, or the pending enrollment forgotten (secret and all). */
  private readonly _stop = (): void => {
    this._editing = this._enrollment = this._error = undefined;
    this.requestUpdate();
  };

  private async _verify(event: Event): Promise<void> {
    event.preventDefault();
    const client = this.session?.client;
    const enrollment = this._enrollment;
    const input = this.renderRoot.querySelector<HTMLInputElement>('[part=code-input]');
    const code = input?.value.replace(/\s/g, '') ?? '';
    if (!client || !enrollment || !code) return;
    await this._act(async () => {
      const method: AuthenticationMethod = await client.myAccount.enrollmentVerify({ type: 'totp', location: enrollment.location, auth_session: enrollment.authSession, otp_code: code });
      this._enrollment = undefined;
      await this._reload();
      emit(this, 'auth0-method-enrolled', detailOf(method));
    }, () => input?.select());
  }

  private async _rename(event: Event, method: AuthenticationMethod): Promise<void> {
    event.preventDefault();
    const client = this.session?.client;
    const name = this.renderRoot.querySelector<HTMLInputElement>('[part=rename-input]')?.value.trim();
    if (!client || !name) return;
    await this._act(async () => {
      const updated: AuthenticationMethod = await client.myAccount.updateAuthenticationMethod(method.id, { name });
      this._editing = undefined;
      this._methods = this._methods?.map((m) => (m.id === method.id ? updated : m));
      emit(this, 'auth0-method-renamed', detailOf(updated, name));
    });
  }

  private async _remove(method: AuthenticationMethod): Promise<void> {
    const client = this.session?.client;
    if (!client) return;
    await this._act(async () => {
      await client.myAccount.deleteAuthenticationMethod(method.id);
      this._editing = undefined;
      this._methods = this._methods?.filter((m) => m.id !== method.id);
      emit(this, 'auth0-method-removed', { id: method.id, type: method.type });
    });
  }

  /** The list after a change the API made more of (an enrollment may bring a recovery code too). */
  private async _reload(): Promise<void> {
    const methods: AuthenticationMethod[] = await this.session!.client!.myAccount.getAuthenticationMethods();
    this._methods = methods.filter((m) => !('confirmed' in m) || m.confirmed !== false);
  }

  /** Runs one user action: busy meanwhile; a failure is shown and fired, and the state kept. */
  private async _act(run: () => Promise<void>, onError?: () => void): Promise<void> {
    this._busy = true;
    this._error = undefined;
    this.requestUpdate();
    try {
      await run();
    } catch (error) {
      this._fail(error as Error);
      this._busy = false;
      await this.updateComplete;
      onError?.();
    } finally {
      this._busy = false;
      this.requestUpdate();
    }
  }

  private _fail(error: Error): void {
    this._error = error;
    this.requestUpdate();
    emit(this, 'auth0-error', { error });
  }
}

/** An event's detail: id, type and name only. */
function detailOf(method: AuthenticationMethod, name?: string): Auth0AuthenticationMethodDetail {
  const named = (method as { name?: string }).name ?? name;
  return { id: method.id, type: method.type, ...(named !== undefined && { name: named }) };
}
