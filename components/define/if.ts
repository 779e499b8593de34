import { Auth0If } from '../if/if.component.js';
import { defineOnce } from '../internal/define.js';

defineOnce('auth0-if', Auth0If);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-if': Auth0If;
  }
}

export { Auth0If };
