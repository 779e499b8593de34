// One JSON request to the tenant with a deadline. Failures become typed errors with stable codes
// so the caller can tell a slow tenant from a broken one.
import { GenericError, TimeoutError } from './errors.js';

/** A response whose body parsed as JSON. */
export interface JsonResponse<T> {
  ok: boolean;
  status: number;
  headers: Headers;
  body: T;
}

/**
 * `fetch` + `JSON.parse` within `timeoutMs` (the whole exchange, body included).
 * @throws TimeoutError past the deadline (`timeout`); GenericError `network_error` when no
 *   response arrived; GenericError `invalid_response` when a success body is not JSON and
 *   `request_error` when an error status comes without a JSON body.
 */
export async function fetchJson<T = any>(url: string, init: RequestInit, timeoutMs: number): Promise<JsonResponse<T>> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { ...init, signal: controller.signal });
    text = await response.text();
  } catch (cause) {
    if (timedOut) throw new TimeoutError();
    throw new GenericError('network_error', `Request to ${new URL(url).pathname} failed: ${(cause as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
  try {
    return { ok: response.ok, status: response.status, headers: response.headers, body: JSON.parse(text) as T };
  } catch {
    if (!response.ok) throw new GenericError('request_error', `${new URL(url).pathname} answered HTTP ${response.status}`);
    throw new GenericError('invalid_response', `${new URL(url).pathname} answered HTTP ${response.status} with a body that is not JSON`);
  }
}
