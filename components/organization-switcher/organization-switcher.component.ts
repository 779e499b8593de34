import { html, nothing } from 'lit';
import { Auth0ConsumerElement } from '../internal/consumer-element.js';
import { emit } from '../events.js';
import { inOrganization } from '../internal/organization.js';
import styles from './organization-switcher.styles.js';

/** The organizations of the attribute: trimmed, without blanks and repeats. */
function listOf(organizations: string | undefined): string[] {
  return [...new Set((organizations ?? '').split(',').map((item) => item.trim()).filter(Boolean))];
}

/**
 * Lists organizations as buttons; choosing one moves the session there, the way the SPA SDK
 * switches organizations: the local session is cleared (`logout({openUrl: false})`, the tenant's
 * session stays, so no password is asked again) and a login to the chosen organization starts
 * with `loginWithRedirect`. The organization the user is signed in to is marked
 * `aria-current="true"`. Each button's label is a slot named after its organization, e.g.
 * `<span slot="org_abc123">Acme Corporation</span>`; without one, the id or name itself shows.
 * Give the provider no `organization` of its own: it would win over the switched one on reload.
 *
 * @summary Switch the signed-in user to another organization.
 *
 * @slot label - The group's label. Default: "Organization".
 * (Each option also renders a slot named after its organization, with the organization as its default label.)
 *
 * @csspart base - The group around the label and the list.
 * @csspart label - The label.
 * @csspart list - The `<ul>` of organizations.
 * @csspart item - Each `<li>`.
 * @csspart option - Each organization's `<button>`.
 * @csspart option-current - The button of the organization the user is signed in to.
 *
 * @cssproperty --auth0-switcher-gap - Space between the label and the options (default `0.5em`).
 * @cssproperty --auth0-switcher-label-weight - Font weight of the label (default `600`).
 * @cssproperty --auth0-switcher-option-color - Option text color (default `#635dff`).
 * @cssproperty --auth0-switcher-option-background - Option background (default `transparent`).
 * @cssproperty --auth0-switcher-option-border - Option border (default `1px solid currentColor`).
 * @cssproperty --auth0-button-background - Background of the current organization (default `#635dff`).
 * @cssproperty --auth0-button-color - Text color of the current organization (default `#fff`).
 * @cssproperty --auth0-button-border - Border of the current organization (default `none`).
 * @cssproperty --auth0-button-radius - Corner radius (default `0.375rem`).
 * @cssproperty --auth0-button-padding - Padding (default `0.5em 1em`).
 * @cssproperty --auth0-button-font - Font (default `inherit`).
 * @cssproperty --auth0-focus-ring - Focus outline (default `2px solid #635dff`).
 *
 * @event {Auth0LoginDetail} auth0-login - Cancelable, fired before the local session is cleared and the page leaves: `{mode: 'redirect'}`.
 * @event {Auth0ErrorDetail} auth0-error - The switch failed: `{error}`.
 */
export class Auth0OrganizationSwitcher extends Auth0ConsumerElement {
  static override styles = styles;

  static override properties = {
    organizations: {},
    _busy: { state: true },
  };

  /** The organizations to offer: ids (`org_…`) or names, comma separated. */
  organizations = '';

  private _busy = false;

  protected override render() {
    const session = this.session;
    if (!session) return nothing;
    const user = session.status === 'authenticated' ? (session.user as Record<string, unknown>) : undefined;
    const disabled = this._busy || !session.client || session.status === 'loading';
    return html`<div part="base" role="group" aria-labelledby="label" aria-busy=${this._busy ? 'true' : 'false'}>
      <span part="label" id="label"><slot name="label">Organization</slot></span>
      <ul part="list">
        ${listOf(this.organizations).map((organization) => {
          const current = inOrganization(user, organization);
          return html`<li part="item"><button type="button" part=${current ? 'option option-current' : 'option'}
            aria-current=${current ? 'true' : nothing} ?disabled=${disabled}
            @click=${() => this._switch(organization, current)}><slot name=${organization}>${organization}</slot></button></li>`;
        })}
      </ul>
    </div>`;
  }

  private async _switch(organization: string, current: boolean): Promise<void> {
    const client = this.session?.client;
    if (!client || current || this._busy || !emit(this, 'auth0-login', { mode: 'redirect' }, true)) return;
    this._busy = true;
    try {
      // The seed's switchOrganization: forget the local session, keep the tenant's (no password
      // prompt), then log in to the chosen organization.
      await client.logout({ openUrl: false });
      await client.loginWithRedirect({ authorizationParams: { organization } });
    } catch (error) {
      this._busy = false;
      if (this.session?.error !== error) emit(this, 'auth0-error', { error: error as Error });
    }
  }
}
