// Test switches that make the tenant misbehave on purpose, applied at the HTTP edge before
// oidc-provider sees the request, and the log of every request the tenant received.

/** @typedef {'token' | 'authorize' | 'jwks' | 'userinfo' | 'revoke' | 'logout'} FaultTarget */
/** @typedef {'500' | 'hang' | 'malformed' | 'network'} FaultKind */
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

const KINDS = new Set(['500', 'hang', 'malformed', 'network']);

/** Which endpoint a request is for, in the words of `fault(target)`; preflights are never a target. */
const TARGETS = /** @type {const} */ ([
  ['token', 'POST', ['/oauth/token']],
  ['authorize', 'GET', ['/authorize']],
  ['jwks', 'GET', ['/.well-known/jwks.json']],
  ['userinfo', 'ANY', ['/userinfo']],
  ['revoke', 'POST', ['/oauth/revoke']],
  ['logout', 'GET', ['/v2/logout', '/oidc/logout']],
]);

/**
 * @param {string} method
 * @param {string} path
 * @returns {FaultTarget | undefined}
 */
export function targetOf(method, path) {
  if (method === 'OPTIONS') return undefined;
  for (const [target, verb, paths] of TARGETS) {
    if ((verb === 'ANY' || verb === method) && paths.includes(path)) return target;
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
      res.writeHead(500, { ...corsHeaders, 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ error: 'server_error', error_description: 'The tenant failed on purpose (test fault).' }));
      return;
    case 'malformed':
      res.writeHead(200, { ...corsHeaders, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end('<!DOCTYPE html><html><body>502 Bad Gateway (test fault: not JSON)</body></html>');
      return;
    default:
      throw new Error(`unreachable fault kind ${kind}`);
  }
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
