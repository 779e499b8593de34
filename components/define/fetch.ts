import { Auth0Fetch } from '../fetch/fetch.component.js';
import { attachContextRoot } from '../internal/context-root.js';

// Defines <auth0-fetch> once: a second copy of the kit on the same page finds it defined and moves on.
attachContextRoot();
if (!customElements.get('auth0-fetch')) customElements.define('auth0-fetch', Auth0Fetch);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-fetch': Auth0Fetch;
  }
}

export { Auth0Fetch };
export { Auth0FetchError } from '../fetch/fetch-error.js';
export type { Auth0ResponseDetail } from '../fetch/fetch.component.js';
