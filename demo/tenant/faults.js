// Test switches that make the tenant misbehave on purpose, applied at the HTTP edge — before
// oidc-provider sees the request, or (the `*-after` kinds) to its answer once it has processed
// the request, as a proxy or a network would lose it — and the log of every request received.

/** @typedef {'token' | 'authorize' | 'jwks' | 'userinfo' | 'revoke' | 'logout' | 'connect-complete' | 'my-account'} FaultTarget */
/** @typedef {'500' | 'hang' | 'malformed' | 'network' | '429' | '503' | 'slow-before' | AfterKind} FaultKind */
/** `slow-before`: the request reaches the tenant only after SLOW_REQUEST_MS (a slow network on the way in). */
/**
 * Answers damaged after processing: `reset-after` (the connection dropped before any byte),
 * `truncated-after` (the connection dropped halfway through the body), `cut-json-after` (a
 * complete response whose JSON stops halfway), `slow-after` (the body 5 s after the headers).
 * @typedef {'reset-after' | 'truncated-after' | 'cut-json-after' | 'slow-after'} AfterKind
 */
/**
 * @typedef {object} RequestRecord one request the tenant received
 * @property {string} method
 * @property {string} path
 * @property {number} status 0 while unanswered, or when no response was ever sent
 * @property {number} at arrival time (ms since the epoch)
 * @property {string} [grantType] token requests: `grant_type`
 * @property {string} [audience] `audience` as sent (query or body)
 * @property {string} [scope] `scope` as sent
 * @property {string} [organization]
 * @property {string} [prompt]
 * @property {string} [responseMode]
 * @property {string} [dpopJkt] /authorize: `dpop_jkt`
 * @property {string} [subjectTokenType] token exchange: `subject_token_type`
 * @property {string} [dpop] the DPoP proof (header) as received
 * @property {Record<string, string>} [params] every query or body parameter as sent; credentials
 *   (code, code_verifier, refresh_token, …) as `[redacted]`
 * @property {string} [contentType] the request body's media type
 * @property {string} [auth0ClientHeader] the `Auth0-Client` header (telemetry) as sent
 */

const AFTER_KINDS = new Set(['reset-after', 'truncated-after', 'cut-json-after', 'slow-after']);
const KINDS = new Set(['500', 'hang', 'malformed', 'network', '429', '503', 'slow-before', ...AFTER_KINDS]);

/** How long `slow-before` holds the request back before the tenant processes it. */
export const SLOW_REQUEST_MS = 1500;

/** How long `slow-after` holds the body back. */
export const SLOW_BODY_MS = 5000;

/** @param {FaultKind} kind @returns {kind is AfterKind} */
export const isAfterKind = (kind) => AFTER_KINDS.has(kind);

/** Which endpoint a request is for, in the words of `fault(target)`; preflights are never a target. */
const TARGETS = /** @type {const} */ ([
  ['token', 'POST', ['/oauth/token']],
  ['authorize', 'GET', ['/authorize']],
  ['jwks', 'GET', ['/.well-known/jwks.json']],
  ['userinfo', 'ANY', ['/userinfo']],
  ['revoke', 'POST', ['/oauth/revoke']],
  ['logout', 'GET', ['/v2/logout', '/oidc/logout']],
  ['connect-complete', 'POST', ['/me/v1/connected-accounts/complete']],
  // The My Account API's factors and authentication methods (`…*`: the path and everything under it).
  ['my-account', 'ANY', ['/me/v1/factors', '/me/v1/authentication-methods*']],
]);

/** @param {string} pattern a path, or a prefix ending in `*` @param {string} path */
const matches = (pattern, path) => (pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path);

/**
 * @param {string} method
 * @param {string} path
 * @returns {FaultTarget | undefined}
 */
export function targetOf(method, path) {
  if (method === 'OPTIONS') return undefined;
  for (const [target, verb, paths] of TARGETS) {
    if ((verb === 'ANY' || verb === method) && paths.some((pattern) => matches(pattern, path))) return target;
  }
  return undefined;
}

export class Faults {
  /** @type {Map<FaultTarget, {kind: FaultKind, left: number}[]>} */
  #armed = new Map();

  /**
   * @param {FaultTarget} target
   * @param {FaultKind} kind
   * @param {number} [times] how many of the next matching requests fail (Infinity: all of them)
   */
  add(target, kind, times = 1) {
    if (!TARGETS.some(([name]) => name === target)) throw new TypeError(`fault: unknown target ${JSON.stringify(target)}`);
    if (!KINDS.has(kind)) throw new TypeError(`fault: unknown kind ${JSON.stringify(kind)}`);
    if (!(times > 0)) throw new TypeError('fault: times must be a positive number');
    const list = this.#armed.get(target) ?? [];
    list.push({ kind, left: times });
    this.#armed.set(target, list);
  }

  /** Consumes one armed fault for this target, if any. @returns {FaultKind | undefined} */
  take(target) {
    const list = this.#armed.get(target);
    const fault = list?.[0];
    if (!fault) return undefined;
    fault.left -= 1;
    if (fault.left <= 0) list.shift();
    return fault.kind;
  }

  clear() {
    this.#armed.clear();
  }
}

/**
 * Answers a request the way the fault says.
 * @param {FaultKind} kind
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {Record<string, string>} corsHeaders so the page can read the failure, as it could a real one
 */
export function applyFault(kind, req, res, corsHeaders) {
  switch (kind) {
    case 'network':
      req.socket.destroy();
      return;
    case 'hang':
      return; // never answered; the tenant's close() ends the socket
    case '500':
      if (req.url?.startsWith('/me/')) {
        // The My Account API fails as it answers every error: RFC 9457 problem details.
        res.writeHead(500, { ...corsHeaders, 'content-type': 'application/problem+json', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ type: 'server_error', status: 500, title: 'Internal Server Error', detail: 'The tenant failed on purpose (test fault).' }));
        return;
      }
      res.writeHead(500, { ...corsHeaders, 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ error: 'server_error', error_description: 'The tenant failed on purpose (test fault).' }));
      return;
    case '429':
    case '503':
      // Throttled or unavailable, not processed: come back in a second (RFC 9110 §10.2.3).
      res.writeHead(Number(kind), { ...corsHeaders, 'content-type': 'application/json', 'cache-control': 'no-store', 'retry-after': '1' });
      res.end(JSON.stringify({ error: kind === '429' ? 'too_many_requests' : 'temporarily_unavailable', error_description: 'Try again later (test fault).' }));
      return;
    case 'malformed':
      res.writeHead(200, { ...corsHeaders, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end('<!DOCTYPE html><html><body>502 Bad Gateway (test fault: not JSON)</body></html>');
      return;
    default:
      throw new Error(`unreachable fault kind ${kind}`);
  }
}

/**
 * Lets the request through, then damages the answer the way `kind` says, once oidc-provider has
 * processed the request (a refresh token rotated, a code used up).
 * @param {AfterKind} kind
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function damageAnswer(kind, req, res) {
  const { end, write } = res;
  res.end = function damagedEnd(chunk, encoding, callback) {
    const body = Buffer.from(typeof chunk === 'function' || chunk == null ? '' : chunk, typeof encoding === 'string' ? encoding : undefined);
    const half = body.subarray(0, Math.floor(body.length / 2));
    switch (kind) {
      case 'reset-after':
        req.socket.destroy();
        break;
      case 'truncated-after':
        res.setHeader('content-length', String(body.length));
        write.call(res, half, () => req.socket.destroy());
        break;
      case 'cut-json-after':
        res.setHeader('content-length', String(half.length));
        end.call(res, half);
        break;
      case 'slow-after':
        res.setHeader('content-length', String(body.length));
        res.flushHeaders();
        setTimeout(() => end.call(res, body), SLOW_BODY_MS).unref();
        break;
      default:
        throw new Error(`unreachable fault kind ${kind}`);
    }
    return res;
  };
}

export class RequestLog {
  /** @type {RequestRecord[]} */
  #records = [];

  /**
   * Records a request now; its status is filled in when the response is sent (0 if none ever is).
   * @param {string} method
   * @param {string} path
   * @param {import('node:http').ServerResponse} res
   */
  start(method, path, res) {
    /** @type {RequestRecord} */
    const record = { method, path, status: 0, at: Date.now() };
    this.#records.push(record);
    res.once('finish', () => {
      record.status = res.statusCode;
    });
    return record;
  }

  /**
   * @param {Partial<RequestRecord> | ((record: RequestRecord) => boolean)} [filter]
   *   a predicate, or fields that must match (e.g. `{path: '/oauth/token', grantType: 'refresh_token'}`)
   * @returns {RequestRecord[]} copies, oldest first
   */
  list(filter) {
    const match = typeof filter === 'function'
      ? filter
      : (record) => Object.entries(filter ?? {}).every(([key, value]) => record[key] === value);
    return this.#records.filter(match).map((record) => ({ ...record }));
  }

  reset() {
    this.#records = [];
  }
}
