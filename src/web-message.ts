// `response_mode=web_message`: the tenant's page posts the authorization response to the window
// that opened it (popup) or contains it (iframe). Only the tenant's origin is trusted, only the
// window this flow opened, and only messages of type `authorization_response` (DESIGN.md §9).
import { GenericError } from './errors.js';

/** The authorization response carried by the message (RFC 6749 §4.1.2 / §4.1.2.1). */
export interface AuthorizationResponse {
  code?: string;
  state?: string;
  error?: string;
  error_description?: string;
}

/**
 * Resolves with the authorization code of the first response that `source` (the popup or iframe
 * this flow opened: another flow's answer in the same page is not ours) posts from `origin` for
 * `state`. `done` runs once in every outcome (`timedOut` tells the timeout apart); `closedError`,
 * polled every 250 ms, gives the error for a window the user closed.
 * @throws GenericError with the tenant's `error` (e.g. `login_required`), `state_mismatch`;
 *   `timeoutError()` after `timeoutSeconds`; `closedError()`'s error.
 */
export function awaitAuthorizationCode(
  origin: string,
  source: MessageEventSource | null,
  state: string,
  timeoutSeconds: number,
  timeoutError: () => Error,
  done: (timedOut: boolean) => void,
  closedError?: () => Error | undefined,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const finish = (error: Error | undefined, code?: string, timedOut = false) => {
      clearTimeout(timer);
      clearInterval(poll);
      removeEventListener('message', listener);
      done(timedOut);
      if (error) reject(error);
      else resolve(code!);
    };
    const listener = (event: MessageEvent) => {
      const response: AuthorizationResponse = event.data?.response;
      if (event.origin !== origin || event.source !== source || event.data?.type !== 'authorization_response' || typeof response !== 'object' || !response) return;
      if (response.error) finish(GenericError.fromPayload(response as { error: string }));
      else if (response.state !== state || !response.code) finish(new GenericError('state_mismatch', 'Invalid state'));
      else finish(undefined, response.code);
    };
    const timer = setTimeout(() => finish(timeoutError(), undefined, true), timeoutSeconds * 1000);
    // The tenant's page posts its answer and then closes itself: a closed window counts only if
    // it is still closed, without an answer, one poll later.
    let closedSeen = false;
    const poll = closedError && setInterval(() => {
      const error = closedError();
      if (error && closedSeen) finish(error);
      closedSeen = !!error;
    }, 250);
    addEventListener('message', listener);
  });
}
