import { html, nothing } from 'lit';
import { Auth0ConsumerElement } from '../internal/consumer-element.js';
import { emit } from '../events.js';
import styles from './logout-button.styles.js';

/**
 * A real `<button>` that logs the user out: it clears the local session and, unless `local-only`,
 * sends the browser to the tenant's logout endpoint. Shown only while a user is signed in.
 *
 * @summary Log out of Auth0.
 *
 * @slot - The label. Default: "Log out".
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
 * @event {Auth0ErrorDetail} auth0-error - The logout failed: `{error}`.
 */
export class Auth0LogoutButton extends Auth0ConsumerElement {
  static override styles = styles;

  static override properties = {
    returnTo: { attribute: 'return-to' },
    localOnly: { attribute: 'local-only', type: Boolean },
    federated: { type: Boolean },
  };
  static override shadowRootOptions = { ...Auth0ConsumerElement.shadowRootOptions, delegatesFocus: true };

  /** Where the tenant sends the browser after logout (`logoutParams.returnTo`); must be allowed there. */
  returnTo?: string;

  /** Only forget the session in this browser; stay signed in at the tenant (`openUrl: false`). */
  localOnly = false;

  /** Also log out of the upstream identity provider (`logoutParams.federated`). */
  federated = false;

  protected override render() {
    const session = this.session;
    if (!session) return nothing;
    return html`<button part="button" type="button" ?hidden=${session.status !== 'authenticated'}
      @click=${this._logout}><slot>Log out</slot></button>`;
  }

  private _logout(): void {
    const client = this.session?.client;
    if (!client) return;
    const logoutParams: { returnTo?: string; federated?: boolean } = {};
    if (this.returnTo) logoutParams.returnTo = this.returnTo;
    if (this.federated) logoutParams.federated = true;
    client
      .logout(this.localOnly ? { logoutParams, openUrl: false } : { logoutParams })
      .catch((error: Error) => emit(this, 'auth0-error', { error }));
  }
}
