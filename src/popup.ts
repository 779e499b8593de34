// Login in a popup window, answered through `response_mode=web_message`.
import { PopupCancelledError, PopupOpenError, PopupTimeoutError } from './errors.js';
import { awaitAuthorizationCode } from './web-message.js';

/** Second argument of `loginWithPopup` / `getTokenWithPopup`. */
export interface PopupConfigOptions {
  /** Seconds before PopupTimeoutError. Default: the client's `authorizeTimeoutInSeconds`. */
  timeoutInSeconds?: number;
  /**
   * A window the caller already opened (e.g. synchronously in a click handler, before awaiting
   * something else); the engine navigates it to the tenant.
   */
  popup?: Window | null;
  /** `false`: the popup stays open once answered (close it yourself, e.g. in a `finally`). Default `true`. */
  closePopup?: boolean;
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
 * Navigates `popup` to `authorizeUrl` and resolves with the code posted from `tenantOrigin` for
 * `state`; closes the popup once answered unless `close` is false.
 * @throws PopupCancelledError when the user closes it; PopupTimeoutError after `timeoutSeconds`
 *   (the popup is left open, as the SPA SDK does); GenericError with the tenant's `error`, or
 *   `state_mismatch`.
 */
export function runPopup(popup: Window, authorizeUrl: string, tenantOrigin: string, state: string, timeoutSeconds: number, close: boolean): Promise<string> {
  popup.location.href = authorizeUrl;
  return awaitAuthorizationCode(
    tenantOrigin,
    popup,
    state,
    timeoutSeconds,
    () => new PopupTimeoutError(popup),
    (timedOut) => timedOut || !close || popup.close(),
    () => (popup.closed ? new PopupCancelledError(popup) : undefined),
  );
}
