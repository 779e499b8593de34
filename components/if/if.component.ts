import { html } from 'lit';
import { Auth0ConsumerElement } from '../internal/consumer-element.js';
import type { Auth0Session } from '../context.js';
import { inOrganization } from '../internal/organization.js';
import { ownClaim } from '../user/claims.js';
import styles from './if.styles.js';

/**
 * Shows its children only when every condition set on it holds; hidden while no provider has
 * answered. With no condition at all, the children show as soon as the session is known.
 * `anonymous` counts the error state as signed out. `organization`, `claim` and `value` need a
 * signed-in user.
 *
 * @summary Content for signed-in, signed-out or particular visitors.
 *
 * @slot - The content to show when the conditions hold.
 */
export class Auth0If extends Auth0ConsumerElement {
  static override styles = styles;

  static override properties = {
    authenticated: { type: Boolean },
    anonymous: { type: Boolean },
    loading: { type: Boolean },
    organization: {},
    claim: {},
    value: {},
  };

  /** Show while a user is signed in. */
  authenticated = false;

  /** Show while nobody is signed in (status `anonymous` or `error`). */
  anonymous = false;

  /** Show while the session is being established. */
  loading = false;

  /** Show when the user is signed in to this organization (its `org_id` or `org_name`). */
  organization?: string;

  /** Show when the user has this claim: present and not `false`, or equal to `value`. */
  claim?: string;

  /** With `claim`: the value the claim must have (for an array claim: one of its items). */
  value?: string;

  protected override render() {
    return html`<slot ?hidden=${!this._holds(this.session)}></slot>`;
  }

  private _holds(session: Auth0Session | undefined): boolean {
    if (!session) return false;
    const { status } = session;
    const user = (status === 'authenticated' ? session.user : undefined) as Record<string, unknown> | undefined;
    if (this.authenticated && status !== 'authenticated') return false;
    if (this.anonymous && status !== 'anonymous' && status !== 'error') return false;
    if (this.loading && status !== 'loading') return false;
    if (this.organization && !inOrganization(user, this.organization)) return false;
    if (this.claim) {
      const claim = ownClaim(user, this.claim);
      if (claim === undefined || claim === null || claim === false) return false;
      if (this.value !== undefined && this.value !== null) {
        const values = Array.isArray(claim) ? claim : [claim];
        if (!values.some((item) => String(item) === this.value)) return false;
      }
    }
    return true;
  }
}
