import { buttonStyles } from '../internal/button.styles.js';

/** The `<auth0-logout-button>` shadow root's styles. */
const logoutButtonStyles = [buttonStyles];

export default logoutButtonStyles;
