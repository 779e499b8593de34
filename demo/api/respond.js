// How the demo API answers: JSON bodies, and the ready-made challenges of the server entry's errors.
import { VerifyAccessTokenError, AuthError } from '../../lib/src/server/index.js';

/**
 * Sends `body` as JSON with `status` and extra headers.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
export function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * Turns a failure into its HTTP answer: a verification error keeps its status, `WWW-Authenticate`
 * and `DPoP-Nonce` (RFC 6750 §3, RFC 9449 §7.1); a tenant or network error is passed on with its
 * OAuth `error`; anything else is a 500 that reveals nothing.
 * @param {import('node:http').ServerResponse} res
 * @param {unknown} error
 * @param {Record<string, string>} cors
 */
export function sendError(res, error, cors) {
  if (error instanceof VerifyAccessTokenError) {
    sendJson(res, error.status, { error: error.error, error_description: error.error_description }, { ...cors, ...error.headers });
  } else if (error instanceof AuthError) {
    const status = error.status >= 400 && error.status < 600 ? error.status : 502;
    sendJson(res, status, { error: error.error, error_description: error.error_description }, cors);
  } else {
    sendJson(res, 500, { error: 'server_error', error_description: 'the demo API failed' }, cors);
  }
}
