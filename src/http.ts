// Requests to the tenant with a deadline, in one place: the POST body encodings, the JSON answer
// and the error mapping, so the token and revocation endpoints, the key set and the refresh-token
// worker's answers all fail the same way. Failures become typed errors with stable codes so the
// caller can tell a slow tenant from a broken one.
import { queryString } from './authorize-url.js';
import { GenericError, TimeoutError } from './errors.js';

/** A response whose body parsed as JSON. */
export interface JsonResponse<T> {
  ok: boolean;
  status: number;
  headers: Headers;
  body: T;
}

/** A POST of `params` as a form (no CORS preflight) or as JSON (RFC 6749 §3.2, RFC 7009 §2.1). */
export function postInit(useFormData: boolean, params: Record<string, unknown>, headers?: Record<string, string>): RequestInit & { headers: Record<string, string>; body: string } {
  return {
    method: 'POST',
    headers: { 'Content-Type': useFormData ? 'application/x-www-form-urlencoded' : 'application/json', ...headers },
    body: useFormData ? queryString(params) : JSON.stringify(params),
  };
}

/**
 * An answer read to the end as JSON (an empty body as `{}`).
 * @throws GenericError `invalid_response` when a success body is not JSON and `request_error`
 *   when an error status comes without a JSON body.
 */
export function jsonResponse<T = any>(url: string, { ok, status, headers, text }: { ok: boolean; status: number; headers: Headers; text: string }): JsonResponse<T> {
  try {
    return { ok, status, headers, body: text ? JSON.parse(text) : {} };
  } catch {
    throw new GenericError(ok ? 'invalid_response' : 'request_error', `${new URL(url).pathname} answered HTTP ${status} without JSON`);
  }
}

/** The error of a request that got no answer: `timeout` past the deadline, else `network_error`. */
export function requestFailed(url: string, cause: { name?: string; message?: string }): GenericError {
  return cause.name === 'TimeoutError' ? new TimeoutError() : new GenericError('network_error', `Request to ${new URL(url).pathname} failed: ${cause.message}`);
}

/** An error answer's RFC 6749 §5.2 `error` and `error_description`, else `request_error`. */
export function answerError(url: string, { status, body }: JsonResponse<any>): GenericError {
  return typeof body?.error === 'string'
    ? GenericError.fromPayload(body)
    : new GenericError('request_error', `${new URL(url).pathname} answered HTTP ${status}`);
}

/**
 * How long a 429 or 503 answer asks the client to wait (`Retry-After` in seconds, RFC 9110
 * §10.2.3; an HTTP date is not waited for), when that is at most `maxMs`; else `undefined`.
 */
export function retryAfterMs(status: number, headers: Headers, maxMs: number): number | undefined {
  const ms = status === 429 || status === 503 ? Number(headers.get('Retry-After') || NaN) * 1000 : NaN;
  return ms >= 0 && ms <= maxMs ? ms : undefined;
}

/**
 * `fetch` + `JSON.parse` within `timeoutMs` (the whole exchange, body included).
 * @throws TimeoutError past the deadline (`timeout`); GenericError `network_error` when no
 *   response arrived; the errors of `jsonResponse`.
 */
export async function fetchJson<T = any>(url: string, init: RequestInit, timeoutMs: number): Promise<JsonResponse<T>> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    text = await response.text();
  } catch (cause) {
    throw requestFailed(url, cause as Error);
  }
  return jsonResponse(url, { ok: response.ok, status: response.status, headers: response.headers, text });
}
