import { html, nothing } from 'lit';
import { Auth0ConsumerElement } from '../internal/consumer-element.js';
import { emit } from '../events.js';
import '../provider/callback-detail.js';
import styles from './connect-account.styles.js';

/** `auth0-account-connected`: the user connected an account at `connection` (no token in it). */
export interface Auth0AccountConnectedDetail {
  connection: string;
  /** The scopes the connected account granted. */
  scopes: string[];
}

declare module '../events.js' {
  interface Auth0EventMap {
    'auth0-account-connected': Auth0AccountConnectedDetail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'auth0-account-connected': CustomEvent<Auth0AccountConnectedDetail>;
  }
}

type State = 'idle' | 'busy' | 'connected' | 'error';

/** True when `event` came from the provider whose engine this element uses. */
const fromProvider = (event: Event, client: unknown) => !!client && (event.composedPath()[0] as { client?: unknown })?.client === client;

/**
 * A real `<button>` that links the signed-in user's account at another provider (a connection
 * such as `google-oauth2`) for Token Vault: `connectAccountWithRedirect` sends the browser to the
 * provider's consent page; back on the page, the provider finishes the redirect and this element
 * shows the connected state. Shown only while a user is signed in.
 *
 * @summary Connect a third-party account (Token Vault).
 *
 * @slot - The button label. Default: "Connect account".
 * @slot connected - Shown once the account is connected. Default: "Connected".
 * @slot error - Shown instead of the error message when connecting fails.
 *
 * @csspart button - The `<button>`.
 * @csspart connected - The connected note.
 * @csspart error - The error message.
 *
 * @cssproperty --auth0-connected-color - Color of the connected note (default `inherit`).
 * @cssproperty --auth0-connect-error-color - Color of the error message (default `#b00020`).
 * @cssproperty --auth0-button-background - Button background (default `#635dff`).
 * @cssproperty --auth0-button-color - Label color (default `#fff`).
 * @cssproperty --auth0-button-border - Button border (default `none`).
 * @cssproperty --auth0-button-radius - Corner radius (default `0.375rem`).
 * @cssproperty --auth0-button-padding - Padding (default `0.5em 1em`).
 * @cssproperty --auth0-button-font - Font (default `inherit`).
 * @cssproperty --auth0-focus-ring - Focus outline (default `2px solid #635dff`).
 *
 * @event {Auth0AccountConnectedDetail} auth0-account-connected - The account was connected: `{connection, scopes}`.
 * @event {Auth0ErrorDetail} auth0-error - Connecting could not start (unknown connection, no session, …): `{error}`.
 */
export class Auth0ConnectAccount extends Auth0ConsumerElement {
  static override styles = styles;

  static override properties = {
    connection: {},
    scopes: {},
    redirectUri: { attribute: 'redirect-uri' },
  };
  static override shadowRootOptions = { ...Auth0ConsumerElement.shadowRootOptions, delegatesFocus: true };

  /** The connection to link, e.g. `google-oauth2`. */
  connection?: string;

  /** Scopes to ask the provider for, separated by spaces or commas. */
  scopes?: string;

  /** Where to come back to. Default: the provider's `redirect-uri`, else the page's origin. */
  redirectUri?: string;

  // Internal state, not a property (the manifest lists only the public API): `_show` re-renders.
  private _state: State = 'idle';
  private _error?: Error;

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('auth0-redirect-callback', this._onCallback);
    addEventListener('auth0-error', this._onError);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('auth0-redirect-callback', this._onCallback);
    removeEventListener('auth0-error', this._onError);
  }

  protected override render() {
    const session = this.session;
    if (!session) return nothing;
    const state = this._state;
    const signedIn = session.status === 'authenticated';
    return html`<button part="button" type="button" ?hidden=${!signedIn || state === 'connected'}
        ?disabled=${state === 'busy' || !session.client} @click=${this._connect}><slot>Connect account</slot></button>
      <span part="connected" role="status" ?hidden=${!signedIn || state !== 'connected'}><slot name="connected">Connected</slot></span>
      <span part="error" role="alert" ?hidden=${state !== 'error'}><slot name="error">${this._error?.message ?? ''}</slot></span>`;
  }

  private _connect(): void {
    const client = this.session?.client;
    if (!client) return;
    this._show('busy');
    const scopes = this.scopes?.split(/[\s,]+/).filter(Boolean);
    client
      .connectAccountWithRedirect({
        connection: this.connection!,
        ...(scopes?.length ? { scopes } : null),
        ...(this.redirectUri ? { redirectUri: this.redirectUri } : null),
      })
      .catch((error: Error) => {
        this._show('error', error);
        emit(this, 'auth0-error', { error });
      });
  }

  private _show(state: State, error?: Error): void {
    this._state = state;
    this._error = error;
    this.requestUpdate();
  }

  // The provider finished a redirect: ours when it connected this element's connection.
  private readonly _onCallback = (event: Event): void => {
    const { connection, scopes } = (event as CustomEvent).detail ?? {};
    if (!connection || connection !== this.connection || !fromProvider(event, this.session?.client)) return;
    this._show('connected');
    emit(this, 'auth0-account-connected', { connection, scopes: scopes ?? [] });
  };

  // A ConnectError of this connection (the user denied, the provider failed): shown here; the
  // provider already fired auth0-error for it.
  private readonly _onError = (event: Event): void => {
    const error = (event as CustomEvent).detail?.error;
    if (error?.connection === this.connection && this.connection && fromProvider(event, this.session?.client)) this._show('error', error);
  };
}
