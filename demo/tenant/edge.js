// The tenant's HTTP edge: every request passes here before oidc-provider. It logs the request,
// applies armed test faults, and translates Auth0's dialect into what oidc-provider speaks:
// `audience` → RFC 8707 `resource`, `offline_access` → the internal offline scope, JSON bodies at
// /oauth/token and /oauth/revoke → form bodies, /v2/logout?returnTo= → /oidc/logout.
import { Readable } from 'node:stream';
import { readText } from './body.js';
import { applyFault, damageAnswer, isAfterKind, SLOW_REQUEST_MS, targetOf } from './faults.js';
import { OFFLINE_SCOPE } from './provider.js';

const FORM = 'application/x-www-form-urlencoded';

/** Auth0's `offline_access`, as oidc-provider should see it. */
function inboundScope(scope) {
  return scope.split(' ').map((s) => (s === 'offline_access' ? OFFLINE_SCOPE : s)).join(' ');
}

/** @param {URLSearchParams} params */
function translateParams(params) {
  const audience = params.get('audience');
  params.delete('audience');
  if (audience && audience !== 'default' && !params.has('resource')) params.set('resource', audience);
  const scope = params.get('scope');
  if (scope) params.set('scope', inboundScope(scope));
}

/** Form or JSON body → URLSearchParams (JSON values that are not strings are sent as JSON text). */
function parseBody(text, contentType = '') {
  if (!contentType.startsWith('application/json')) return new URLSearchParams(text);
  const params = new URLSearchParams();
  const json = text ? JSON.parse(text) : {};
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error('JSON body must be an object');
  for (const [key, value] of Object.entries(json)) {
    if (value !== undefined && value !== null) params.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return params;
}

/** What the request log keeps of a request's parameters, as the client sent them. */
const LOGGED = /** @type {const} */ ([
  ['grant_type', 'grantType'], ['audience', 'audience'], ['scope', 'scope'], ['organization', 'organization'],
  ['prompt', 'prompt'], ['response_mode', 'responseMode'], ['dpop_jkt', 'dpopJkt'], ['subject_token_type', 'subjectTokenType'],
]);

/** Parameters whose values the log never keeps (credentials): only that they were sent. */
const SECRET = new Set(['code', 'code_verifier', 'refresh_token', 'token', 'subject_token', 'client_secret', 'id_token_hint', 'client_assertion',
  'mfa_token', 'otp', 'oob_code', 'binding_code', 'recovery_code', 'auth_session', 'authn_response']);

/**
 * @param {import('./faults.js').RequestRecord} record
 * @param {URLSearchParams} params
 * @param {import('node:http').IncomingHttpHeaders} headers
 */
function logParams(record, params, { dpop, 'content-type': contentType, 'auth0-client': auth0Client }) {
  for (const [param, field] of LOGGED) {
    const value = params.get(param);
    if (value !== null) record[field] = value;
  }
  if (typeof dpop === 'string') record.dpop = dpop;
  // Every parameter as sent (query or body), credentials redacted: what the parity tests compare.
  record.params = Object.fromEntries([...params].map(([key, value]) => [key, SECRET.has(key) ? '[redacted]' : value]));
  if (contentType) record.contentType = contentType.split(';')[0];
  if (typeof auth0Client === 'string') record.auth0ClientHeader = auth0Client;
}

/** Lets oidc-provider read a body the edge already consumed, as a form. */
function replaceBody(req, text) {
  const buffer = Buffer.from(text);
  req.headers['content-type'] = FORM;
  req.headers['content-length'] = String(buffer.length);
  delete req.headers['transfer-encoding'];
  Object.defineProperty(req, 'readable', { value: true, configurable: true });
  req.iterator = (options) => Readable.from([buffer]).iterator(options);
}

/**
 * @param {object} tenant
 * @param {(req: any, res: any) => void} tenant.handler oidc-provider's request handler
 * @param {import('./faults.js').Faults} tenant.faults
 * @param {import('./faults.js').RequestLog} tenant.log
 * @param {Set<string>} tenant.appOrigins
 * @param {string} tenant.defaultClientId used by /v2/logout when only returnTo is given
 * @param {(params: URLSearchParams) => Promise<{error: string, error_description: string} | undefined>} tenant.beforeToken
 *   sees each token request's parameters (already in oidc-provider's words) before oidc-provider
 *   does; an error it returns is answered instead (its `status`, else 400)
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>}
 */
export function createEdge({ handler, faults, log, appOrigins, defaultClientId, beforeToken }) {
  const corsFor = (req) => {
    const origin = req.headers.origin;
    if (!origin || !appOrigins.has(origin)) return {};
    return { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'WWW-Authenticate, DPoP-Nonce, Retry-After', vary: 'Origin' };
  };

  return async function edge(req, res) {
    try {
      await serve(req, res);
    } catch (error) {
      console.error('tenant: request failed', error);
      if (!res.headersSent) res.writeHead(500, { ...corsFor(req), 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'server_error', error_description: 'the tenant failed unexpectedly' }));
    }
  };

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function serve(req, res) {
    const url = new URL(req.url ?? '/', 'http://tenant.invalid');
    const method = req.method ?? 'GET';
    const record = log.start(method, url.pathname, res);

    /** @type {URLSearchParams | undefined} */
    let body;
    if (method === 'POST' && (url.pathname === '/oauth/token' || url.pathname === '/oauth/revoke')) {
      try {
        body = parseBody(await readText(req), req.headers['content-type']);
      } catch (error) {
        res.writeHead(400, { ...corsFor(req), 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'invalid_request', error_description: `could not parse the request body: ${error.message}` }));
        return;
      }
    }
    logParams(record, body ?? url.searchParams, req.headers);

    const target = targetOf(method, url.pathname);
    const fault = target && faults.take(target);
    if (fault === 'slow-before') await new Promise((resolve) => setTimeout(resolve, SLOW_REQUEST_MS));
    else if (fault && isAfterKind(fault)) damageAnswer(fault, req, res);
    else if (fault) {
      applyFault(fault, req, res, corsFor(req));
      return;
    }

    if (body) {
      translateParams(body);
      const refused = url.pathname === '/oauth/token' ? await beforeToken(body) : undefined;
      if (refused) {
        const { status = 400, ...answer } = refused;
        res.writeHead(status, { ...corsFor(req), 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(answer));
        return;
      }
      replaceBody(req, body.toString());
    } else if (method === 'GET' && url.pathname === '/authorize') {
      translateParams(url.searchParams);
      req.url = `${url.pathname}?${url.searchParams}`;
    } else if (method === 'GET' && url.pathname === '/v2/logout') {
      const q = url.searchParams;
      const logout = new URLSearchParams();
      const returnTo = q.get('returnTo');
      const clientId = q.get('client_id') ?? (returnTo && defaultClientId);
      if (clientId) logout.set('client_id', clientId);
      if (returnTo) logout.set('post_logout_redirect_uri', returnTo);
      req.url = `/oidc/logout?${logout}`;
    }

    handler(req, res);
  }
}
