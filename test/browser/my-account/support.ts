// Shared by the My Account API browser tests: a signed-in client as the SDK's My Account examples
// set one up (refresh tokens, MRRT, DPoP), the calls the page sends to the API as they cross the
// network, and the values that are random per run (new method ids, secrets, sessions) replaced
// by stable tags so that two runs compare.
import { Secret, TOTP } from 'otpauth';

/** A 6-digit code that is not the right one now for `secret`. */
export const wrongCode = (secret: string): string => {
  const now = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
  return now === '000000' ? '111111' : '000000';
};

export interface WireCall {
  method: string;
  path: string;
  query: string;
  scheme: string;
  dpop: boolean;
  contentType: string | null;
  body: unknown;
}

/**
 * Records what `win`'s page sends to the My Account API (`/me/…`): method, path, scheme of the
 * Authorization header, whether a DPoP proof went with it, and the JSON body. Install it before
 * the client is made (the SDK binds `fetch` in its constructor).
 */
export function recordWire(win: Window): { calls: () => Promise<WireCall[]> } {
  const pending: Promise<WireCall>[] = [];
  const original = win.fetch.bind(win);
  const W = win as unknown as typeof globalThis;
  win.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    // A copy to read (a Request built from a Request would take over its body).
    const request = input instanceof W.Request ? input.clone() : new W.Request(input as RequestInfo, init);
    const url = new URL(request.url);
    if (url.pathname.startsWith('/me/')) {
      pending.push(
        request.text().then((text) => ({
          method: request.method,
          path: url.pathname,
          query: url.search,
          scheme: (request.headers.get('authorization') ?? '').split(' ')[0],
          dpop: request.headers.has('dpop'),
          contentType: request.headers.get('content-type'),
          body: text ? JSON.parse(text) : undefined,
        })),
      );
    }
    return original(input, init);
  }) as typeof fetch;
  return { calls: () => Promise.all(pending) };
}

/**
 * Replaces each value of `dynamic` (its key is the tag) wherever it occurs in `value` — whole
 * strings and inside strings (URLs, URL-encoded ids) — and ISO dates by `<date>`.
 */
export function stable(value: unknown, dynamic: Record<string, string>): unknown {
  const json = JSON.stringify(value, (_, v) => (v === undefined ? '<undefined>' : v));
  let out = json ?? 'null';
  for (const [tag, raw] of Object.entries(dynamic).sort(([, a], [, b]) => b.length - a.length)) {
    if (!raw) continue;
    for (const form of [raw, encodeURIComponent(raw)]) out = out.split(form).join(`<${tag}>`);
  }
  out = out.replace(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"/g, '"<date>"');
  return JSON.parse(out);
}

/** An error as an app sees a MyAccountApiError (or anything else thrown): class by the module's export name, and its fields. */
export function apiFailure(lib: Record<string, unknown>, error: any) {
  const name = Object.entries(lib).find(([, v]) => typeof v === 'function' && (v as any).prototype === Object.getPrototypeOf(error))?.[0] ?? `<${error?.constructor?.name}>`;
  return {
    class: name,
    name: error?.name,
    message: error?.message,
    type: error?.type,
    status: error?.status,
    title: error?.title,
    detail: error?.detail,
    validation_errors: error?.validation_errors,
  };
}
