import { sheet } from '../internal/sheet.js';

/** The `<auth0-user>` shadow root's styles. */
const userStyles = sheet(`
  :host {
    display: inline-flex;
    align-items: center;
    gap: var(--auth0-user-gap, 0.5em);
  }
  [hidden] {
    display: none !important;
  }
  [part='avatar'] {
    width: var(--auth0-avatar-size, 2.5em);
    height: var(--auth0-avatar-size, 2.5em);
    border-radius: var(--auth0-avatar-radius, 50%);
    object-fit: cover;
  }
  [part='details'] {
    display: flex;
    flex-direction: column;
  }
  [part='name'] {
    font-weight: var(--auth0-user-name-weight, 600);
  }
  [part='email'] {
    color: var(--auth0-user-email-color, inherit);
    font-size: var(--auth0-user-email-size, 0.875em);
  }
`);

export default userStyles;
