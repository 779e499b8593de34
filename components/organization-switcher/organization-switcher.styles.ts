import { sheet } from '../internal/sheet.js';
import { buttonStyles } from '../internal/button.styles.js';

// The shared button look for the current organization; the others are outlined.
/** The `<auth0-organization-switcher>` shadow root's styles. */
const organizationSwitcherStyles = [
  buttonStyles,
  sheet(`
    [part~='base'],
    [part~='list'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--auth0-switcher-gap, 0.5em);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    [part~='label'] {
      font-weight: var(--auth0-switcher-label-weight, 600);
    }
    button:not([aria-current]) {
      color: var(--auth0-switcher-option-color, #635dff);
      background: var(--auth0-switcher-option-background, transparent);
      border: var(--auth0-switcher-option-border, 1px solid currentColor);
    }
    button[aria-current] {
      cursor: default;
    }
  `),
];

export default organizationSwitcherStyles;
