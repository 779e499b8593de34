import { Auth0Fetch } from '../fetch/fetch.component.js';
import { defineOnce } from '../internal/define.js';

defineOnce('auth0-fetch', Auth0Fetch);

declare global {
  interface HTMLElementTagNameMap {
    'auth0-fetch': Auth0Fetch;
  }
}

export { Auth0Fetch };
export { Auth0FetchError } from '../fetch/fetch-error.js';
export type { Auth0ResponseDetail } from '../fetch/fetch.component.js';
