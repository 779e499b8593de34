import { Auth0OrganizationSwitcher } from '../organization-switcher/organization-switcher.component.js';
import { defineOnce } from '../internal/define.js';

defineOnce('auth0-organization-switcher', Auth0OrganizationSwitcher);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-organization-switcher': Auth0OrganizationSwitcher;
  }
}

export { Auth0OrganizationSwitcher };
