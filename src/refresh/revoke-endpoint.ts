// Token revocation (RFC 7009): one POST per refresh token to `<domain>/oauth/revoke`, form or JSON
// like the token endpoint.
import { answerError, fetchJson, postInit } from '../http.js';
import type { RevokeRequest } from './vault.js';

/**
 * Revokes `token` (RFC 7009 §2.1). A success is an empty 200.
 * @throws TimeoutError; GenericError `network_error`, or the tenant's `error` (RFC 7009 §2.2.1;
 *   `request_error` without one).
 */
export async function revokeToken(request: RevokeRequest, token: string): Promise<void> {
  const response = await fetchJson(request.url, postInit(request.useFormData, { client_id: request.clientId, token, token_type_hint: 'refresh_token' }), request.timeoutMs).catch((e) => {
    // A 200 whose body is not JSON is still a revocation.
    if (e.error !== 'invalid_response') throw e;
  });
  if (response && !response.ok) throw answerError(request.url, response);
}
