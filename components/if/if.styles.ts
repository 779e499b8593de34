import { css } from 'lit';

export default css`
  :host {
    /* No box of its own: the children lay out as if the element were not there. */
    display: contents;
  }
  slot[hidden] {
    display: none;
  }
`;
