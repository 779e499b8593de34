// Token revocation (RFC 7009): one POST per refresh token to `<domain>/oauth/revoke`, form or JSON
// like the token endpoint.
import { queryString } from '../authorize-url.js';
import { GenericError } from '../errors.js';
import { fetchJson } from '../http.js';
import type { RevokeRequest } from './vault.js';

/** The request's headers and body for `params` (the worker adds the token to the body itself). */
export function revokeInit({ useFormData }: RevokeRequest, params: Record<string, string>): { headers: Record<string, string>; body: string } {
  return {
    headers: { 'Content-Type': useFormData ? 'application/x-www-form-urlencoded' : 'application/json' },
    body: useFormData ? queryString(params) : JSON.stringify(params),
  };
}

/** The tenant's refusal (RFC 7009 §2.2.1) as a GenericError with its `error`. */
export function revokeError(status: number, body: any): GenericError {
  return typeof body?.error === 'string'
    ? new GenericError(body.error, body.error_description || body.error)
    : new GenericError('request_error', `/oauth/revoke answered HTTP ${status}`);
}

/**
 * Revokes `token` (RFC 7009 §2.1).
 * @throws TimeoutError; GenericError `network_error`, or the tenant's `error` (`request_error`
 *   without one).
 */
export async function revokeToken(request: RevokeRequest, token: string): Promise<void> {
  try {
    const { ok, status, body } = await fetchJson(request.url, { method: 'POST', ...revokeInit(request, { client_id: request.clientId, token }) }, request.timeoutMs);
    if (!ok) throw revokeError(status, body);
  } catch (e) {
    // A successful revocation is an empty 200, which fetchJson reports as `invalid_response`.
    if ((e as GenericError).error !== 'invalid_response') throw e;
  }
}
