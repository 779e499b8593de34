import { sheet } from '../internal/sheet.js';

/** The `<auth0-provider>` shadow root's styles. */
const providerStyles = sheet(`
  :host {
    /* A wrapper for page content: no box of its own, so it never changes a CMS layout. */
    display: contents;
  }
`);

export default providerStyles;
