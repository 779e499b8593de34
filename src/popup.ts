// Login in a popup window, answered through `response_mode=web_message`.
import { GenericError, PopupCancelledError, PopupOpenError, PopupTimeoutError } from './errors.js';
import { onAuthorizationResponse, type AuthorizationResponse } from './web-message.js';

/** Second argument of `loginWithPopup` / `getTokenWithPopup`. */
export interface PopupConfigOptions {
  /** Seconds before PopupTimeoutError. Default: the client's `authorizeTimeoutInSeconds`. */
  timeoutInSeconds?: number;
  /**
   * A window the caller already opened (e.g. synchronously in a click handler, before awaiting
   * something else); the engine navigates it to the tenant.
   */
  popup?: Window | null;
}

/**
 * Opens the popup window. Must run synchronously in the user's click, before any `await`, or the
 * browser blocks it.
 * @throws PopupOpenError when the browser refuses (`window.open` returned `null`).
 */
export function openPopup(url = ''): Window {
  const width = 400;
  const height = 600;
  const left = window.screenX + (window.innerWidth - width) / 2;
  const top = window.screenY + (window.innerHeight - height) / 2;
  const popup = window.open(url, 'auth0:authorize:popup', `left=${left},top=${top},width=${width},height=${height},resizable,scrollbars=yes,status=1`);
  if (!popup) throw new PopupOpenError();
  return popup;
}

/**
 * Navigates `popup` to `authorizeUrl` and resolves with the code response posted from
 * `tenantOrigin`; closes the popup once answered.
 * @throws PopupCancelledError when the user closes it; PopupTimeoutError after `timeoutSeconds`
 *   (the popup is left open, as the SPA SDK does); GenericError with the tenant's `error`.
 */
export function runPopup(popup: Window, authorizeUrl: string, tenantOrigin: string, timeoutSeconds: number): Promise<AuthorizationResponse> {
  popup.location.href = authorizeUrl;
  return new Promise((resolve, reject) => {
    let closedSeen = false;
    const finish = () => {
      clearTimeout(timer);
      clearInterval(poll);
      stop();
    };
    const timer = setTimeout(() => {
      finish();
      reject(new PopupTimeoutError(popup));
    }, timeoutSeconds * 1000);
    // The tenant's page posts its answer and then closes itself: a closed popup counts as
    // cancelled only if it is still closed-without-answer one poll later.
    const poll = setInterval(() => {
      if (!popup.closed) return;
      if (closedSeen) {
        finish();
        reject(new PopupCancelledError(popup));
      }
      closedSeen = true;
    }, 250);
    const stop = onAuthorizationResponse(tenantOrigin, (response) => {
      finish();
      popup.close();
      if (response.error) reject(GenericError.fromPayload(response as { error: string }));
      else resolve(response);
    }, popup);
  });
}
