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
