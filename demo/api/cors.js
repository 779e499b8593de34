// CORS for the demo API: only the app origins may call it from a browser. The DPoP-Nonce and
// WWW-Authenticate headers are exposed so the page's engine can read a nonce challenge and retry.

const EXPOSED = 'DPoP-Nonce, WWW-Authenticate';
const ALLOWED_HEADERS = 'Authorization, DPoP, Content-Type';
const ALLOWED_METHODS = 'GET, POST, OPTIONS';

/**
 * The CORS response headers for a request from `origin`, or none when the origin is not allowed.
 * @param {string | undefined} origin the request's `Origin` header
 * @param {ReadonlySet<string>} allowed the app origins
 * @returns {Record<string, string>}
 */
export function corsHeaders(origin, allowed) {
  if (!origin || !allowed.has(origin)) return { Vary: 'Origin' };
  return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': EXPOSED, Vary: 'Origin' };
}

/**
 * Answers a CORS preflight: 204 with the allowed methods and headers for an app origin, 403 for
 * anyone else.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {ReadonlySet<string>} allowed
 */
export function answerPreflight(req, res, allowed) {
  const origin = req.headers.origin;
  if (!origin || !allowed.has(origin)) {
    res.writeHead(403, { Vary: 'Origin' }).end();
    return;
  }
  res
    .writeHead(204, {
      ...corsHeaders(origin, allowed),
      'Access-Control-Allow-Methods': ALLOWED_METHODS,
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': '600',
    })
    .end();
}
