import { sheet } from '../internal/sheet.js';
import { buttonStyles } from '../internal/button.styles.js';

export default [
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
