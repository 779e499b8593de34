// Token revocation (RFC 7009): one POST per refresh token to `<domain>/oauth/revoke`. The answer to
// a successful revocation is an empty 200, so this does not go through `fetchJson`.
import { queryString } from '../authorize-url.js';
import { GenericError, TimeoutError } from '../errors.js';
import type { RevokeRequest } from './vault.js';

/** The request body and headers, without the token (the worker adds it there). */
export function revokeBody({ clientId, useFormData }: RevokeRequest): { headers: Record<string, string>; body: string } {
  const params = { client_id: clientId };
  return {
    headers: { 'Content-Type': useFormData ? 'application/x-www-form-urlencoded' : 'application/json' },
    body: useFormData ? queryString(params) : JSON.stringify(params),
  };
}

/**
 * Revokes `token` (RFC 7009 §2.1; `token_type_hint` is left out, Auth0 revokes refresh tokens).
 * @throws TimeoutError past `timeoutMs`; GenericError `network_error`, or the tenant's `error`
 *   (RFC 7009 §2.2.1), `request_error` without one.
 */
export async function revokeToken(request: RevokeRequest, token: string): Promise<void> {
  const params = { client_id: request.clientId, token };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: revokeBody(request).headers,
      body: request.useFormData ? queryString(params) : JSON.stringify(params),
      signal: controller.signal,
    });
    text = await response.text();
  } catch (cause) {
    if (controller.signal.aborted) throw new TimeoutError();
    throw new GenericError('network_error', `Request to /oauth/revoke failed: ${(cause as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) throw revokeError(response.status, text);
}

/** The tenant's error answer as a GenericError. */
export function revokeError(status: number, body: string | Record<string, unknown> | undefined): GenericError {
  let parsed: any = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
  }
  return typeof parsed?.error === 'string'
    ? new GenericError(parsed.error, typeof parsed.error_description === 'string' ? parsed.error_description : parsed.error)
    : new GenericError('request_error', `/oauth/revoke answered HTTP ${status}`);
}
