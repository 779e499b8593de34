// The demo API: a small Node HTTP server next to the local tenant whose routes accept only a
// verified access token — by default a DPoP-bound one with a valid proof — checked by the server
// entry's auth() middleware (auth0-elements/server), which works on plain node:http as on Express.
// The demo page's <auth0-fetch> reads it.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { ApiClient, auth } from '../../lib/src/server/index.js';
import { answerPreflight, corsHeaders } from './cors.js';
import { sendError, sendJson } from './respond.js';
import { routes as defaultRoutes } from './routes.js';

/**
 * @typedef {object} RouteContext
 * @property {import('node:http').IncomingMessage} req
 * @property {import('../../lib/src/server/index.js').VerifiedAccessToken} claims the verified claims
 * @property {string} token the verified access token (for a Token Vault exchange; never log it)
 * @property {ApiClient} apiClient
 */

/**
 * @typedef {object} DemoApiOptions
 * @property {number} [port] default 0 (a free port)
 * @property {string} [host] default 127.0.0.1
 * @property {string} domain the tenant, e.g. `tenant.domain` of the local tenant
 * @property {string} audience the API identifier tokens must carry
 * @property {string[]} [appOrigins] origins allowed by CORS
 * @property {boolean} [requireDpop] refuse Bearer tokens; default true
 * @property {boolean} [dpopNonce] require server nonces in DPoP proofs (RFC 9449 §9); default false
 * @property {string} [clientId] the API's own client, for Token Vault routes
 * @property {string} [clientSecret]
 * @property {string} [publicUrl] the origin clients call, for the proofs' `htu`; default the listening address
 * @property {string} [stepUpAudience] the step-up API (the tenant's `mfa.apis`): routes whose handler has
 *   `stepUp = true` verify tokens for it instead of `audience` (GET /api/secrets); without it they answer 404
 * @property {Record<string, (context: RouteContext) => unknown>} [routes] extra routes, "METHOD /path" → handler;
 *   a handler with `acceptsBearer: true` also takes Bearer tokens (anonymous sessions' tokens are not DPoP-bound)
 */

/**
 * Starts the demo API.
 * @param {DemoApiOptions} options
 * @returns {Promise<{url: string, port: number, apiClient: ApiClient, close(): Promise<void>}>}
 */
export async function startDemoApi({
  port = 0,
  host = '127.0.0.1',
  domain,
  audience,
  appOrigins = [],
  requireDpop = true,
  dpopNonce = false,
  clientId,
  clientSecret,
  publicUrl,
  stepUpAudience,
  routes = {},
} = /** @type {DemoApiOptions} */ ({})) {
  // One nonce secret for every client: a nonce from any is good at every route.
  const nonce = dpopNonce && { secret: randomBytes(32) };
  const apiClient = new ApiClient({
    domain,
    audience,
    clientId,
    clientSecret,
    dpop: { required: requireDpop, nonce },
  });
  const stepUpClient = stepUpAudience ? new ApiClient({ domain, audience: stepUpAudience, dpop: { required: requireDpop, nonce } }) : undefined;
  // For the routes open to Bearer tokens too; a DPoP-bound token still needs its proof there.
  const anyTokenClient = new ApiClient({ domain, audience, dpop: { required: false, nonce } });
  const allowed = new Set(appOrigins.map((origin) => new URL(origin).origin));
  const table = { ...defaultRoutes, ...routes };
  let origin = publicUrl ? new URL(publicUrl).origin : '';
  /** Set once listening: the proofs' htu is checked against our own origin, never the Host header. */
  let authenticate;
  let authenticateStepUp;
  let authenticateAny;
  const verified = (req, res, check = authenticate) =>
    new Promise((resolve, reject) => check(req, res, (error) => (error ? reject(error) : resolve(req.auth))));

  const server = createServer(async (req, res) => {
    const cors = corsHeaders(req.headers.origin, allowed);
    try {
      const target = req.url?.startsWith('/') ? req.url : '/';
      const { pathname } = new URL(`${origin}${target}`);
      if (req.method === 'OPTIONS') return answerPreflight(req, res, allowed);
      const handler = table[`${req.method} ${pathname}`];
      if (!handler || (handler.stepUp && !stepUpClient)) return sendJson(res, 404, { error: 'not_found', error_description: handler ? 'no step-up API is configured (stepUpAudience)' : 'no such route' }, cors);
      // auth() sets req.auth, and the DPoP-Nonce response header when nonces are on.
      const check = handler.stepUp ? authenticateStepUp : handler.acceptsBearer === true ? authenticateAny : authenticate;
      const { payload, token, token_type } = await verified(req, res, check);
      const answer = await handler({ req, claims: { ...payload, token_type }, token, apiClient });
      sendJson(res, answer.status, answer.body, { ...cors, ...answer.headers });
    } catch (error) {
      sendError(res, error, cors);
    }
  });
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  origin ||= `http://${host}:${address.port}`;
  authenticate = auth({ client: apiClient, baseUrl: origin });
  if (stepUpClient) authenticateStepUp = auth({ client: stepUpClient, baseUrl: origin });
  authenticateAny = auth({ client: anyTokenClient, baseUrl: origin });
  return {
    url: origin,
    port: address.port,
    apiClient,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
