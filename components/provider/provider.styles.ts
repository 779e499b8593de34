import { css } from 'lit';

export default css`
  :host {
    /* A wrapper for page content: no box of its own, so it never changes a CMS layout. */
    display: contents;
  }
`;
