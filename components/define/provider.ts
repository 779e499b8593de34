import { Auth0Provider } from '../provider/provider.component.js';
import { defineOnce } from '../internal/define.js';

defineOnce('auth0-provider', Auth0Provider);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-provider': Auth0Provider;
  }
}

export { Auth0Provider };
