import { GenericError } from '../../src/index.js';

/**
 * The API answered `<auth0-fetch>` with an error status. `error` is the body's OAuth-style `error`
 * when it has one (e.g. `invalid_token`), else `http_error`; `status` is the HTTP status.
 */
export class Auth0FetchError extends GenericError {
  constructor(
    public status: number,
    body: unknown,
  ) {
    const { error, error_description } = (body ?? {}) as Record<string, unknown>;
    super(
      typeof error === 'string' ? error : 'http_error',
      typeof error_description === 'string' ? error_description : `The API answered HTTP ${status}`,
    );
  }
}

/**
 * Why `<auth0-fetch>` refused a request before any token was fetched, as a GenericError whose
 * `error` is the reason and whose message ends with the value refused: `origin_not_allowed`
 * (neither the page's origin nor one of the provider's `api-origins`), `audience_not_allowed` /
 * `scope_not_allowed` (not configured on the provider), `unsafe_method_on_load` (a method other
 * than GET or HEAD with `trigger="load"`).
 */
export const refused = (error: string, value: string): GenericError => new GenericError(error, `${error}: ${value}`);
