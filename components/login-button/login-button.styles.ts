import { buttonStyles } from '../internal/button.styles.js';

export default [buttonStyles];
