import { Auth0LogoutButton } from '../logout-button/logout-button.component.js';
import { defineOnce } from '../internal/define.js';

defineOnce('auth0-logout-button', Auth0LogoutButton);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-logout-button': Auth0LogoutButton;
  }
}

export { Auth0LogoutButton };
