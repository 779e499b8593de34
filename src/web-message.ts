// `response_mode=web_message`: the tenant's page posts the authorization response to the window
// that opened it (popup) or contains it (iframe). Only the tenant's origin is trusted, and only
// messages of type `authorization_response` (DESIGN.md §9).

/** The authorization response carried by the message (RFC 6749 §4.1.2 / §4.1.2.1). */
export interface AuthorizationResponse {
  code?: string;
  state?: string;
  error?: string;
  error_description?: string;
}

/**
 * Calls `handler` with the first authorization response posted from `origin` by `source` (the
 * popup or iframe this flow opened: another flow's answer in the same page is not ours); every
 * other message is ignored. Returns a function that stops listening.
 */
export function onAuthorizationResponse(origin: string, handler: (response: AuthorizationResponse) => void, source?: MessageEventSource | null): () => void {
  const listener = (event: MessageEvent) => {
    if (event.origin !== origin || event.data?.type !== 'authorization_response' || (source && event.source !== source)) return;
    const response = event.data.response;
    if (!response || typeof response !== 'object') return;
    stop();
    handler(response);
  };
  const stop = () => window.removeEventListener('message', listener);
  window.addEventListener('message', listener);
  return stop;
}
