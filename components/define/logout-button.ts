import { Auth0LogoutButton } from '../logout-button/logout-button.component.js';
import { attachContextRoot } from '../internal/context-root.js';

// Defines <auth0-logout-button> once: a second copy of the kit on the same page finds it defined and moves on.
attachContextRoot();
if (!customElements.get('auth0-logout-button')) customElements.define('auth0-logout-button', Auth0LogoutButton);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-logout-button': Auth0LogoutButton;
  }
}

export { Auth0LogoutButton };
