// The body of <auth0-authentication-methods> (a lazy chunk, see lazy-body.ts): the list, the
// enrollment with its QR code, rename and remove, and their calls to client.myAccount.
import { html, nothing, svg, type CSSResultOrNative } from 'lit';
import type { AuthenticationMethod, AuthenticationMethodType } from '../../src/my-account/types.js';
import { emit } from '../events.js';
import type { QrPath } from './qr-code.js';
import type { Auth0AuthenticationMethodDetail, Auth0AuthenticationMethods } from './authentication-methods.component.js';
import styles from './authentication-methods.styles.js';

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

/** The element's state and template; `host` is the element. */
export default class AuthenticationMethodsBody {
  static styles: CSSResultOrNative[] = styles;

  private _methods?: AuthenticationMethod[];
  private _loading = false;
  private _busy = false;
  private _error?: Error;
  private _failedList = false;
  private _enrollment?: Enrollment;
  private _editing?: Editing;
  /** The user whose list is shown (a new sign-in reloads it). */
  private _loadedFor?: string;

  constructor(private readonly host: Auth0AuthenticationMethods) {}

  /** The host's `refresh()`. */
  async refresh(): Promise<void> {
    const client = this.host._shownSession?.client;
    if (!client || this.host._shownSession?.status !== 'authenticated') return;
    this._loading = true;
    this.host.requestUpdate();
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
      this.host.requestUpdate();
    }
  }

  /** The host's `enroll()`. */
  async enroll(): Promise<void> {
    const client = this.host._shownSession?.client;
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
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLInputElement>('[part=code-input]')?.focus();
  }

  /** Before each of the host's updates (its willUpdate): a new user reloads the list. */
  hostUpdate(): void {
    const session = this.host._shownSession;
    const sub = session?.status === 'authenticated' ? session.user?.sub : undefined;
    if (sub === this._loadedFor) return;
    // Another user, or nobody: nothing of the previous one stays, the pending secret least of all.
    this._loadedFor = sub;
    this._methods = this._error = this._enrollment = this._editing = undefined;
    this._failedList = false;
    if (sub) void this.refresh();
  }

  render() {
    if (this.host._shownSession?.status !== 'authenticated') return nothing;
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
      <div hidden>${['rename', 'remove', ...Object.keys(TYPES).map((t) => `type-${t}`)].map((name) => html`<slot name=${name} @slotchange=${() => this.host.requestUpdate()}></slot>`)}</div>
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
    const text = [...this.host.children].filter((child) => child.slot === name).map((child) => child.textContent ?? '').join('').trim();
    return text || fallback;
  }

  private _edit(id: string, mode: Editing['mode']): void {
    this._editing = { id, mode };
    this._error = undefined;
    this.host.requestUpdate();
    if (mode === 'rename') void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLInputElement>('[part=rename-input]')?.select());
  }

  /** Cancel: the rename or removal is dropped, or the pending enrollment forgotten (secret and all). */
  private readonly _stop = (): void => {
    this._editing = this._enrollment = this._error = undefined;
    this.host.requestUpdate();
  };

  // An arrow field: Lit calls template listeners with the host as `this`.
  private readonly _verify = async (event: Event): Promise<void> => {
    event.preventDefault();
    const client = this.host._shownSession?.client;
    const enrollment = this._enrollment;
    const input = this.host.renderRoot.querySelector<HTMLInputElement>('[part=code-input]');
    const code = input?.value.replace(/\s/g, '') ?? '';
    if (!client || !enrollment || !code) return;
    await this._act(async () => {
      const method: AuthenticationMethod = await client.myAccount.enrollmentVerify({ type: 'totp', location: enrollment.location, auth_session: enrollment.authSession, otp_code: code });
      this._enrollment = undefined;
      await this._reload();
      emit(this.host, 'auth0-method-enrolled', detailOf(method));
    }, () => input?.select());
  };

  private async _rename(event: Event, method: AuthenticationMethod): Promise<void> {
    event.preventDefault();
    const client = this.host._shownSession?.client;
    const name = this.host.renderRoot.querySelector<HTMLInputElement>('[part=rename-input]')?.value.trim();
    if (!client || !name) return;
    await this._act(async () => {
      const updated: AuthenticationMethod = await client.myAccount.updateAuthenticationMethod(method.id, { name });
      this._editing = undefined;
      this._methods = this._methods?.map((m) => (m.id === method.id ? updated : m));
      emit(this.host, 'auth0-method-renamed', detailOf(updated, name));
    });
  }

  private async _remove(method: AuthenticationMethod): Promise<void> {
    const client = this.host._shownSession?.client;
    if (!client) return;
    await this._act(async () => {
      await client.myAccount.deleteAuthenticationMethod(method.id);
      this._editing = undefined;
      this._methods = this._methods?.filter((m) => m.id !== method.id);
      emit(this.host, 'auth0-method-removed', { id: method.id, type: method.type });
    });
  }

  /** The list after a change the API made more of (an enrollment may bring a recovery code too). */
  private async _reload(): Promise<void> {
    const methods: AuthenticationMethod[] = await this.host._shownSession!.client!.myAccount.getAuthenticationMethods();
    this._methods = methods.filter((m) => !('confirmed' in m) || m.confirmed !== false);
  }

  /** Runs one user action: busy meanwhile; a failure is shown and fired, and the state kept. */
  private async _act(run: () => Promise<void>, onError?: () => void): Promise<void> {
    this._busy = true;
    this._error = undefined;
    this.host.requestUpdate();
    try {
      await run();
    } catch (error) {
      this._fail(error as Error);
      this._busy = false;
      await this.host.updateComplete;
      onError?.();
    } finally {
      this._busy = false;
      this.host.requestUpdate();
    }
  }

  private _fail(error: Error): void {
    this._error = error;
    this.host.requestUpdate();
    emit(this.host, 'auth0-error', { error });
  }
}

/** An event's detail: id, type and name only. */
function detailOf(method: AuthenticationMethod, name?: string): Auth0AuthenticationMethodDetail {
  const named = (method as { name?: string }).name ?? name;
  return { id: method.id, type: method.type, ...(named !== undefined && { name: named }) };
}
