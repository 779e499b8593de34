import { sheet } from '../internal/sheet.js';
import { buttonStyles } from '../internal/button.styles.js';

/** The `<auth0-fetch>` shadow root's styles. */
const fetchStyles = [
  buttonStyles,
  sheet(`
    :host {
      display: block;
    }
    [part='data'] {
      margin: 0;
      font: var(--auth0-fetch-font, 0.875em ui-monospace, monospace);
      background: var(--auth0-fetch-background, transparent);
      padding: var(--auth0-fetch-padding, 0);
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    [part='error'] {
      color: var(--auth0-fetch-error-color, #b00020);
    }
  `),
];

export default fetchStyles;
