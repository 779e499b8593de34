import { Auth0OrganizationSwitcher } from '../organization-switcher/organization-switcher.component.js';
import { attachContextRoot } from '../internal/context-root.js';

// Defines <auth0-organization-switcher> once: a second copy of the kit on the same page finds it defined and moves on.
attachContextRoot();
if (!customElements.get('auth0-organization-switcher')) customElements.define('auth0-organization-switcher', Auth0OrganizationSwitcher);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-organization-switcher': Auth0OrganizationSwitcher;
  }
}

export { Auth0OrganizationSwitcher };
