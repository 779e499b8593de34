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
 * `<auth0-fetch>` refused a request before any token was fetched. `error` says why:
 * `origin_not_allowed` (neither the page's origin nor one of the provider's `api-origins`),
 * `audience_not_allowed` / `scope_not_allowed` (not configured on the provider),
 * `unsafe_method_on_load` (a method other than GET or HEAD with `trigger="load"`), or
 * `redirect_not_followed` (the API answered with a redirect, which could take the token elsewhere);
 * `refused` is the origin, audience, scope or method in question.
 */
export class Auth0FetchRefusedError extends GenericError {
  constructor(
    error: string,
    public refused: string,
  ) {
    super(error, `<auth0-fetch> refused (${error}): ${refused}`);
  }
}
