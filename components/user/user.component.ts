import { html, nothing } from 'lit';
import { Auth0ConsumerElement } from '../internal/consumer-element.js';
import { claimText, ownClaim, safePicture } from './claims.js';
import styles from './user.styles.js';

/**
 * The signed-in user: avatar, name and email, or one claim with `field`. Claims are rendered as
 * text only, never as HTML; the picture only from `https:` or `data:image/` URLs.
 *
 * @summary Who is signed in.
 *
 * @slot anonymous - Shown while nobody is signed in (anonymous or error state).
 *
 * @csspart avatar - The picture (`<img>`), only when the user has a safe one.
 * @csspart details - The box around name and email.
 * @csspart name - The user's name (falls back to nickname, then email).
 * @csspart email - The user's email.
 * @csspart field - The claim chosen with `field`.
 *
 * @cssproperty --auth0-avatar-size - Width and height of the avatar (default `2.5em`).
 * @cssproperty --auth0-avatar-radius - Corner radius of the avatar (default `50%`).
 * @cssproperty --auth0-user-gap - Space between avatar and text (default `0.5em`).
 * @cssproperty --auth0-user-name-weight - Font weight of the name (default `600`).
 * @cssproperty --auth0-user-email-color - Color of the email (default `inherit`).
 * @cssproperty --auth0-user-email-size - Font size of the email (default `0.875em`).
 */
export class Auth0User extends Auth0ConsumerElement {
  static override styles = styles;

  static override properties = {
    field: {},
  };

  /** A claim name (e.g. `nickname`, `org_id`): render only that claim, as text. */
  field?: string;

  protected override render() {
    const session = this.session;
    if (!session) return nothing;
    const user = session.status === 'authenticated' ? (session.user as Record<string, unknown> | undefined) : undefined;
    const signedOut = session.status === 'anonymous' || session.status === 'error';
    return html`<slot name="anonymous" ?hidden=${!signedOut}></slot>${user ? this._user(user) : nothing}`;
  }

  private _user(user: Record<string, unknown>) {
    if (this.field) return html`<span part="field">${claimText(ownClaim(user, this.field))}</span>`;
    const picture = safePicture(user.picture);
    const name = claimText(user.name ?? user.nickname ?? user.email);
    // The name sits next to the picture, so the picture is decorative (empty alt).
    return html`${picture ? html`<img part="avatar" src=${picture} alt="" referrerpolicy="no-referrer" />` : nothing}
      <span part="details"><span part="name">${name}</span>${user.email
        ? html`<span part="email">${claimText(user.email)}</span>` : nothing}</span>`;
  }
}
