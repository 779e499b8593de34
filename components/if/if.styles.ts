import { sheet } from '../internal/sheet.js';

/** The `<auth0-if>` shadow root's styles. */
const ifStyles = sheet(`
  :host {
    /* No box of its own: the children lay out as if the element were not there. */
    display: contents;
  }
  slot[hidden] {
    display: none;
  }
`);

export default ifStyles;
