// The refresh-token vault that runs in a Web Worker (memory mode, DESIGN.md §3): refresh tokens are
// kept here and only ever leave in a request to the tenant's exact `/oauth/token` or
// `/oauth/revoke` URL. The page asks for grants by naming a slot (the audience and scope of the
// cache entry a token belongs to); it never sees a token.
//
// `tokenWorker` is started from its own source text (`(${tokenWorker})()` in a Blob URL, or the
// `dist/token-worker.js` file for strict CSPs), so it must stay self-contained: no imports, no
// reference to anything outside its body — only the worker's globals.

/** A message the page sends; each comes with a MessagePort for the answer. */
export type WorkerRequest =
  | { type: 'init'; tokenUrl: string; revokeUrl: string }
  | { type: 'token'; url: string; headers: Record<string, string>; body: string; timeoutMs: number; to?: WorkerSlot; from?: WorkerSlot }
  | { type: 'revoke'; url: string; headers: Record<string, string>; body: string; timeoutMs: number; audience: string }
  | { type: 'discard'; slot: WorkerSlot }
  | { type: 'clear' };

/** Where a refresh token is kept: the audience and scope of its cache entry. */
export interface WorkerSlot {
  audience: string;
  scope: string;
}

/**
 * The worker's answer: the tenant's answer for `token`/`revoke` (its body as text, never with a
 * refresh token); `fail` when no answer came (`request`: the fetch failed, with the error's `name`
 * and `message`; `refused`: not the tenant's URL; `worker`: the worker broke). Every answer lists
 * the slots that hold a token, newest first, so the page finds one without asking.
 */
export interface WorkerReply {
  slots?: WorkerSlot[];
  ok?: boolean;
  status?: number;
  text?: string;
  /** The response's `DPoP-Nonce` header (RFC 9449 §8), for the page's DPoP code. */
  dpopNonce?: string;
  /** The response's `Retry-After` header, for the page's 429/503 retry. */
  retryAfter?: string | null;
  fail?: 'request' | 'refused' | 'worker';
  name?: string;
  message?: string;
}

/** The worker's whole program. Runs in the worker scope only. */
export function tokenWorker(): void {
  const scope = self as any;
  /** slot key → refresh token */
  const tokens = new Map<string, string>();
  /** The token of the last refresh grant whose answer was lost (the tenant may have rotated it). */
  let lost: string | undefined;
  let allowed: { token: string; revoke: string } | undefined;

  const keyOf = (slot: WorkerSlot) => JSON.stringify([slot.audience, slot.scope]);
  const slotOf = (key: string): WorkerSlot => {
    const [audience, scope] = JSON.parse(key);
    return { audience, scope };
  };
  // An exact comparison of normalized URLs: no prefix match, no other path, query or fragment.
  const isAllowed = (url: string, expected: string | undefined) => {
    try {
      return !!expected && new URL(url).href === expected;
    } catch {
      return false;
    }
  };
  const forget = (token: string) => {
    for (const [key, value] of [...tokens]) if (value === token) tokens.delete(key);
  };
  const store = (slot: WorkerSlot, token: string) => {
    // Re-inserted at the end: the most recent token is found first for MRRT.
    tokens.delete(keyOf(slot));
    tokens.set(keyOf(slot), token);
  };

  /** Adds `field` to a form or JSON body, as the page encoded it. */
  const withField = (body: string, headers: Record<string, string>, field: string, value: string) => {
    const type = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
    if (type.startsWith('application/json')) return JSON.stringify({ ...JSON.parse(body), [field]: value });
    const form = new URLSearchParams(body);
    form.set(field, value);
    return form.toString();
  };

  const post = async (url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<WorkerReply> => {
    try {
      const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
      const dpopNonce = response.headers.get('DPoP-Nonce') ?? undefined;
      const retryAfter = response.headers.get('Retry-After');
      return { ok: response.ok, status: response.status, text: await response.text(), dpopNonce, retryAfter };
    } catch (e) {
      return { fail: 'request', name: (e as Error)?.name, message: String((e as Error)?.message ?? e) };
    }
  };

  const grant = async (m: Extract<WorkerRequest, { type: 'token' }>): Promise<WorkerReply> => {
    if (!isAllowed(m.url, allowed?.token)) return { fail: 'refused' };
    let used: string | undefined;
    let body = m.body;
    if (m.from) {
      used = tokens.get(keyOf(m.from));
      if (!used) return { ok: false, status: 400, text: '{"error":"missing_refresh_token"}' };
      body = withField(body, m.headers, 'refresh_token', used);
    }
    const reply = await post(m.url, m.headers, body, m.timeoutMs);
    // No answer to read: the tenant may have rotated `used` all the same.
    const lose = () => (lost = used);
    if (reply.fail) lose();
    if (reply.ok) {
      let answer: any;
      try {
        answer = JSON.parse(reply.text!);
      } catch {
        /* not JSON: nothing to keep */
      }
      // Only a JSON object goes back, without its refresh token; anything else as an empty body.
      reply.text = '';
      if (answer && typeof answer === 'object') {
        const fresh = typeof answer.refresh_token === 'string' ? (answer.refresh_token as string) : undefined;
        delete answer.refresh_token;
        reply.text = JSON.stringify(answer);
        // Rotation: every slot that held the used token now holds its successor. A token from
        // another grant (the silent iframe) supersedes a token whose refresh answer was lost.
        const old = used ?? lost;
        if (fresh && old) for (const [key, value] of [...tokens]) if (value === old) tokens.set(key, fresh);
        if (fresh) lost = undefined;
        const kept = fresh ?? used;
        if (kept && m.to) store(m.to, kept);
      } else lose();
    }
    return reply;
  };

  const revoke = async (m: Extract<WorkerRequest, { type: 'revoke' }>): Promise<WorkerReply> => {
    if (!isAllowed(m.url, allowed?.revoke)) return { fail: 'refused' };
    const held = new Set([...tokens].filter(([key]) => slotOf(key).audience === m.audience).map(([, token]) => token));
    for (const token of held) {
      const reply = await post(m.url, m.headers, withField(m.body, m.headers, 'token', token), m.timeoutMs);
      if (reply.fail || !reply.ok) return reply;
      forget(token);
    }
    return { ok: true, status: 200, text: '' };
  };

  const handle = async (m: WorkerRequest): Promise<WorkerReply> => {
    switch (m.type) {
      case 'init':
        // Set once: a later message cannot point the worker at another server.
        allowed ??= { token: new URL(m.tokenUrl).href, revoke: new URL(m.revokeUrl).href };
        return { ok: true };
      case 'token':
        return grant(m);
      case 'revoke':
        return revoke(m);
      case 'discard': {
        const token = tokens.get(keyOf(m.slot));
        if (token) forget(token);
        return { ok: true };
      }
      case 'clear':
        lost = undefined;
        tokens.clear();
        return { ok: true };
      default:
        return { fail: 'refused' };
    }
  };

  scope.addEventListener('message', (event: MessageEvent) => {
    // `init` comes without a port: nothing to answer.
    const [port] = event.ports;
    handle(event.data).then(
      (reply) => port?.postMessage({ ...reply, slots: [...tokens.keys()].reverse().map(slotOf) }),
      (e) => port?.postMessage({ fail: 'worker', message: String((e as Error)?.message ?? e) }),
    );
  });
}
