import { sheet } from '../internal/sheet.js';

export default sheet(`
  :host {
    /* A wrapper for page content: no box of its own, so it never changes a CMS layout. */
    display: contents;
  }
`);
