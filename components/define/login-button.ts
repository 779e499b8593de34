import { Auth0LoginButton } from '../login-button/login-button.component.js';
import { defineOnce } from '../internal/define.js';

defineOnce('auth0-login-button', Auth0LoginButton);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-login-button': Auth0LoginButton;
  }
}

export { Auth0LoginButton };
