import { Auth0Fetch } from '../fetch/fetch.component.js';
import { attachContextRoot } from '../internal/context-root.js';

// Written out so that the manifest analyzer sees the tag. Defined once: a second copy of the kit on
// the page finds the name taken and moves on; without a registry (Node, no DOM shim) it is skipped.
attachContextRoot();
if (globalThis.customElements && !customElements.get('auth0-fetch')) customElements.define('auth0-fetch', Auth0Fetch);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-fetch': Auth0Fetch;
  }
}

export { Auth0Fetch };
export { Auth0FetchError } from '../fetch/fetch-error.js';
export type { Auth0ResponseDetail } from '../fetch/fetch.component.js';
