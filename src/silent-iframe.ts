// Silent authentication: `/authorize` with `prompt=none` in a hidden iframe, answered through
// `response_mode=web_message` (OpenID Connect Core §3.1.2.1). It works while the tenant's session
// cookie reaches the iframe.
import { TimeoutError } from './errors.js';
import { awaitAuthorizationCode } from './web-message.js';

/**
 * Loads `authorizeUrl` in a hidden iframe and resolves with the code posted from `tenantOrigin`
 * for `state`. The iframe is removed in every outcome.
 * @throws TimeoutError when nothing arrives within `timeoutSeconds`; GenericError with the
 *   tenant's `error` (e.g. `login_required`) when it answers with one, or `state_mismatch`.
 */
export function runSilentIframe(authorizeUrl: string, tenantOrigin: string, state: string, timeoutSeconds: number): Promise<string> {
  const iframe = document.createElement('iframe');
  iframe.setAttribute('width', '0');
  iframe.setAttribute('height', '0');
  iframe.setAttribute('aria-hidden', 'true');
  iframe.style.display = 'none';
  document.body.appendChild(iframe);
  const code = awaitAuthorizationCode(tenantOrigin, iframe.contentWindow, state, timeoutSeconds, () => new TimeoutError(), () => iframe.remove());
  iframe.src = authorizeUrl;
  return code;
}
