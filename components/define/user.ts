import { Auth0User } from '../user/user.component.js';
import { attachContextRoot } from '../internal/context-root.js';

// Defines <auth0-user> once: a second copy of the kit on the same page finds it defined and moves on.
attachContextRoot();
if (!customElements.get('auth0-user')) customElements.define('auth0-user', Auth0User);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-user': Auth0User;
  }
}

export { Auth0User };
