import { Auth0LoginButton } from '../login-button/login-button.component.js';
import { attachContextRoot } from '../internal/context-root.js';

// Defines <auth0-login-button> once: a second copy of the kit on the same page finds it defined and moves on.
attachContextRoot();
if (!customElements.get('auth0-login-button')) customElements.define('auth0-login-button', Auth0LoginButton);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-login-button': Auth0LoginButton;
  }
}

export { Auth0LoginButton };
