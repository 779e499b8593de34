import { css } from 'lit';

export default css`
  :host {
    display: inline-block;
  }
  [hidden] {
    display: none !important;
  }
  [part~='base'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--auth0-switcher-gap, 0.5em);
  }
  [part~='label'] {
    font-weight: var(--auth0-switcher-label-weight, 600);
  }
  [part~='list'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--auth0-switcher-gap, 0.5em);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  button {
    font: var(--auth0-button-font, inherit);
    color: var(--auth0-switcher-option-color, #635dff);
    background: var(--auth0-switcher-option-background, transparent);
    border: var(--auth0-switcher-option-border, 1px solid currentColor);
    border-radius: var(--auth0-button-radius, 0.375rem);
    padding: var(--auth0-button-padding, 0.5em 1em);
    cursor: pointer;
  }
  button[aria-current='true'] {
    color: var(--auth0-switcher-current-color, #fff);
    background: var(--auth0-switcher-current-background, #635dff);
    border-color: var(--auth0-switcher-current-background, #635dff);
    cursor: default;
  }
  button:focus-visible {
    outline: var(--auth0-focus-ring, 2px solid #635dff);
    outline-offset: 2px;
  }
  button:disabled {
    cursor: progress;
    opacity: 0.7;
  }
`;
