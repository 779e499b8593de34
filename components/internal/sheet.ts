import { unsafeCSS, type CSSResult } from 'lit';

/**
 * An element's style sheet from plain CSS text. Lit's `css` tag would add its interpolation
 * checks and their messages to the bundle for nothing (the kit's styles are plain literals); a
 * CSSResult, unlike a `new CSSStyleSheet()`, makes its sheet only when a shadow root adopts it,
 * so the elements import in Node and render with `@lit-labs/ssr` (which reads `cssText`).
 */
export const sheet = (cssText: string): CSSResult => unsafeCSS(cssText);
