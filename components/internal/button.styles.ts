import { sheet } from './sheet.js';

/** The look shared by the action buttons (login, logout): every value overridable. */
export const buttonStyles = sheet(`
  :host {
    display: inline-block;
  }
  [hidden] {
    display: none !important;
  }
  button {
    font: var(--auth0-button-font, inherit);
    color: var(--auth0-button-color, #fff);
    background: var(--auth0-button-background, #635dff);
    border: var(--auth0-button-border, none);
    border-radius: var(--auth0-button-radius, 0.375rem);
    padding: var(--auth0-button-padding, 0.5em 1em);
    cursor: pointer;
  }
  button:focus-visible {
    outline: var(--auth0-focus-ring, 2px solid #635dff);
    outline-offset: 2px;
  }
  button:disabled {
    cursor: progress;
    opacity: 0.7;
  }
`);
