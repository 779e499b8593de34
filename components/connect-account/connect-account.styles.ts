import { sheet } from '../internal/sheet.js';
import { buttonStyles } from '../internal/button.styles.js';

/** The `<auth0-connect-account>` shadow root's styles. */
const connectAccountStyles = [
  buttonStyles,
  sheet(`
    [part='connected'] {
      color: var(--auth0-connected-color, inherit);
    }
    [part='error'] {
      display: block;
      color: var(--auth0-connect-error-color, #b00020);
    }
  `),
];

export default connectAccountStyles;
