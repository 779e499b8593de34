import { sheet } from '../internal/sheet.js';
import { buttonStyles } from '../internal/button.styles.js';

/** The `<auth0-passkey-button>` shadow root's styles. */
const passkeyButtonStyles = [
  buttonStyles,
  sheet(`
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--auth0-passkey-gap, 0.5em);
    }
    [part='message'] {
      color: var(--auth0-passkey-message-color, #666);
    }
    :host([state='error']) [part='message'] {
      color: var(--auth0-passkey-error-color, #b00020);
    }
  `),
];

export default passkeyButtonStyles;
