import { Auth0User } from '../user/user.component.js';
import { defineOnce } from '../internal/define.js';

defineOnce('auth0-user', Auth0User);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-user': Auth0User;
  }
}

export { Auth0User };
