import { sheet } from '../internal/sheet.js';
import { buttonStyles } from '../internal/button.styles.js';

/** The `<auth0-authentication-methods>` shadow root's styles. */
const authenticationMethodsStyles = [
  buttonStyles,
  sheet(`
    :host {
      display: block;
    }
    [part='base'] {
      display: grid;
      gap: var(--auth0-methods-gap, 0.75em);
      max-width: var(--auth0-methods-width, 32em);
    }
    [part='list'] {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--auth0-methods-gap, 0.75em);
    }
    [part='method'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5em;
      padding: 0.5em 0;
      border-bottom: var(--auth0-methods-divider, 1px solid #e3e3ee);
    }
    [part='name'] {
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    [part='type'] {
      color: var(--auth0-methods-muted-color, #666);
      flex: 1;
    }
    form {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      align-items: center;
    }
    input {
      font: inherit;
      padding: 0.4em;
    }
    [part='enrollment'] {
      display: grid;
      gap: 0.5em;
      justify-items: start;
    }
    [part='qr'] {
      width: var(--auth0-qr-size, 12em);
      height: var(--auth0-qr-size, 12em);
      color: var(--auth0-qr-color, #000);
      background: var(--auth0-qr-background, #fff);
    }
    [part='secret'] {
      font-family: monospace;
      overflow-wrap: anywhere;
      user-select: all;
    }
    [part='error'] {
      color: var(--auth0-methods-error-color, #b00020);
    }
  `),
];

export default authenticationMethodsStyles;
