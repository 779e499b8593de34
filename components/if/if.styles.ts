import { sheet } from '../internal/sheet.js';

export default sheet(`
  :host {
    /* No box of its own: the children lay out as if the element were not there. */
    display: contents;
  }
  slot[hidden] {
    display: none;
  }
`);
