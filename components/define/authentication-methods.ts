import { Auth0AuthenticationMethods } from '../authentication-methods/authentication-methods.component.js';
import { defineOnce } from '../internal/define.js';

defineOnce('auth0-authentication-methods', Auth0AuthenticationMethods);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-authentication-methods': Auth0AuthenticationMethods;
  }
}

export { Auth0AuthenticationMethods };
export type { Auth0AuthenticationMethodDetail } from '../authentication-methods/authentication-methods.component.js';
