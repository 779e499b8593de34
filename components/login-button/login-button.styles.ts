import { buttonStyles } from '../internal/button.styles.js';

/** The `<auth0-login-button>` shadow root's styles. */
const loginButtonStyles = [buttonStyles];

export default loginButtonStyles;
