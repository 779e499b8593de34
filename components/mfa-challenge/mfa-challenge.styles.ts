import { sheet } from '../internal/sheet.js';
import { buttonStyles } from '../internal/button.styles.js';

/** The `<auth0-mfa-challenge>` shadow root's styles. */
const mfaChallengeStyles = [
  buttonStyles,
  sheet(`
    :host {
      display: block;
    }
    [part='form'] {
      display: grid;
      gap: var(--auth0-mfa-gap, 0.5em);
      max-width: var(--auth0-mfa-width, 20em);
    }
    [part='input'], [part='factor'] {
      font: inherit;
      padding: 0.4em;
    }
    [part='error'] {
      color: var(--auth0-mfa-error-color, #b00020);
    }
    [part='done'] {
      color: var(--auth0-mfa-done-color, inherit);
    }
  `),
];

export default mfaChallengeStyles;
