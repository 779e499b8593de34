// The token endpoint (RFC 6749 §3.2): one function that POSTs a grant, every grant's way there
// (sent again while its answer is lost, as the SPA SDK).
import { GenericError, MfaRequiredError } from './errors.js';
import { answerError, fetchJson, postInit, retryAfterMs } from './http.js';

/** A successful token response (RFC 6749 §5.1; `id_token` from OpenID Connect Core §3.1.3.3). */
export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  id_token?: string;
  scope?: string;
  refresh_token?: string;
  /** Token exchange (RFC 8693 §2.2.1). */
  issued_token_type?: string;
}

export interface TokenRequest {
  domainUrl: string;
  clientId: string;
  /** Form body (default, no CORS preflight) or JSON. */
  useFormData: boolean;
  timeoutMs: number;
  /** The grant's own parameters: `grant_type` and what it needs. */
  grant: { grant_type: string } & Record<string, string | undefined>;
  /** Extra request headers, e.g. a DPoP proof made on the main thread (RFC 9449 §4). */
  headers?: Record<string, string>;
  /** Told every `DPoP-Nonce` the tenant sends, on success and on error (RFC 9449 §8). */
  onDpopNonce?: (nonce: string) => void;
  /** Sends the request instead of `fetchJson`, with its contract (the refresh-token worker). */
  transport?: typeof fetchJson;
  /** How many times the request is sent while its answer is lost (default `ATTEMPTS`). */
  attempts?: number;
}

/** The WebAuthn grant (passkeys): always a JSON body, its `authn_response` an object, as the SPA SDK sends it. */
export const WEBAUTHN_GRANT = 'urn:okta:params:oauth:grant-type:webauthn';

/** The errors of a request whose answer never arrived whole: the tenant may have processed it. */
export const LOST_ANSWER = ['network_error', 'timeout', 'invalid_response'];

/** Sends of a token request whose answer is lost (no response, past the deadline, not JSON), as the SPA SDK's 3. */
export const ATTEMPTS = 3;

/**
 * POSTs a grant to `<domain>/oauth/token`, up to `attempts` times while the answer is lost (no
 * response, past `timeoutMs`, not a token response), as the SPA SDK; a 429 or 503 whose
 * `Retry-After` (RFC 9110 §10.2.3) is at most `timeoutMs` is sent once more after that wait.
 * @throws TimeoutError past `timeoutMs`; MfaRequiredError for `mfa_required`; GenericError with
 *   the tenant's `error` (RFC 6749 §5.2), or `request_error`, `network_error`, `invalid_response`.
 */
export async function requestToken(request: TokenRequest): Promise<TokenResponse> {
  for (let left = request.attempts ?? ATTEMPTS; ; left--) {
    try {
      return await sendOnce(request);
    } catch (e) {
      if (left <= 1 || !LOST_ANSWER.includes((e as GenericError).error)) throw e;
    }
  }
}

async function sendOnce({ domainUrl, clientId, useFormData, timeoutMs, grant, headers, onDpopNonce, transport = fetchJson }: TokenRequest): Promise<TokenResponse> {
  const url = `${domainUrl}/oauth/token`;
  const init = postInit(useFormData && grant.grant_type !== WEBAUTHN_GRANT, { client_id: clientId, ...grant }, headers);
  let response = await transport(url, init, timeoutMs);
  // Throttled or unavailable (not processed): once more after the wait the tenant asks for.
  const wait = retryAfterMs(response.status, response.headers, timeoutMs);
  if (wait !== undefined) {
    await new Promise((resolve) => setTimeout(resolve, wait));
    response = await transport(url, init, timeoutMs);
  }
  const { body } = response;
  const nonce = response.headers.get('DPoP-Nonce');
  if (nonce) onDpopNonce?.(nonce);
  if (!response.ok) {
    const error = answerError(url, response);
    throw error.error === 'mfa_required' ? new MfaRequiredError(error.error, error.error_description, body.mfa_token, body.mfa_requirements) : error;
  }
  const expires_in = Number(body.expires_in);
  if (typeof body.access_token !== 'string' || !Number.isFinite(expires_in)) {
    throw new GenericError('invalid_response', 'The token response has no access_token or expires_in');
  }
  return { ...body, expires_in } as TokenResponse;
}
