import { Auth0MfaChallenge } from '../mfa-challenge/mfa-challenge.component.js';
import { defineOnce } from '../internal/define.js';

defineOnce('auth0-mfa-challenge', Auth0MfaChallenge);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-mfa-challenge': Auth0MfaChallenge;
  }
}

export { Auth0MfaChallenge };
export type { Auth0MfaDetail } from '../mfa-challenge/mfa-challenge.component.js';
