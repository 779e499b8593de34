// Silent authentication: `/authorize` with `prompt=none` in a hidden iframe, answered through
// `response_mode=web_message` (OpenID Connect Core §3.1.2.1). It works while the tenant's session
// cookie reaches the iframe.
import { GenericError, TimeoutError } from './errors.js';
import { onAuthorizationResponse, type AuthorizationResponse } from './web-message.js';

/**
 * Loads `authorizeUrl` in a hidden iframe and resolves with the code response posted from
 * `tenantOrigin`. The iframe is removed in every outcome.
 * @throws TimeoutError when nothing arrives within `timeoutSeconds`; GenericError with the
 *   tenant's `error` (e.g. `login_required`) when it answers with one.
 */
export function runSilentIframe(authorizeUrl: string, tenantOrigin: string, timeoutSeconds: number): Promise<AuthorizationResponse> {
  return new Promise((resolve, reject) => {
    const iframe = document.createElement('iframe');
    iframe.setAttribute('width', '0');
    iframe.setAttribute('height', '0');
    iframe.setAttribute('aria-hidden', 'true');
    iframe.style.display = 'none';
    const finish = () => {
      clearTimeout(timer);
      stop();
      iframe.remove();
    };
    const timer = setTimeout(() => {
      finish();
      reject(new TimeoutError());
    }, timeoutSeconds * 1000);
    document.body.appendChild(iframe);
    const stop = onAuthorizationResponse(tenantOrigin, (response) => {
      finish();
      if (response.error) reject(GenericError.fromPayload(response as { error: string }));
      else resolve(response);
    }, iframe.contentWindow);
    iframe.src = authorizeUrl;
  });
}
