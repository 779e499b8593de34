import { Auth0PasskeyButton } from '../passkey-button/passkey-button.component.js';
import { defineOnce } from '../internal/define.js';

defineOnce('auth0-passkey-button', Auth0PasskeyButton);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-passkey-button': Auth0PasskeyButton;
  }
}

export { Auth0PasskeyButton };
export type { Auth0PasskeyDetail, Auth0PasskeyState } from '../passkey-button/passkey-button.component.js';
