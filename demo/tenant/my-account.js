// Auth0's My Account API, connected-accounts part, at /me/v1/connected-accounts (DPoP-bound tokens
// for the `<issuer>me/` audience only), the connect step at /connect?ticket=… where a stand-in
// upstream provider asks for consent, and that provider's stand-in calendar API, which accepts
// the upstream access tokens Token Vault hands out.
import { readForm, readJsonObject } from './body.js';
import { boundTokenVerifier, TokenProblem } from './bound-token.js';
import { connectPage, errorPage } from './pages.js';
import { describeAccount } from './vault.js';

const BASE = '/me/v1/connected-accounts';
const ACCOUNT = /^\/me\/v1\/connected-accounts\/accounts\/([\w-]+)$/;
const CALENDAR = /^\/upstream\/([\w-]+)\/calendar\/v3\/events$/;

/** RFC 9457 problem details, as the My Account API answers errors. */
function problem(ctx, status, type, title, detail) {
  ctx.status = status;
  ctx.type = 'application/problem+json';
  ctx.body = { type, status, title, detail };
}

/**
 * @param {object} tenant
 * @param {string} tenant.issuer
 * @param {string} tenant.audience the My Account API's identifier (`<issuer>me/`)
 * @param {import('./keys.js').SigningKeys} tenant.keys
 * @param {import('./vault.js').Vault} tenant.vault
 * @param {Set<string>} tenant.appOrigins
 * @param {{ autoApproveConnections?: boolean }} tenant.switches
 */
export function myAccountRoutes({ issuer, audience, keys, vault, appOrigins, switches }) {
  const verify = boundTokenVerifier({ issuer, audience, keys });
  const onAppOrigin = (uri) => appOrigins.has(URL.parse(uri)?.origin ?? '');

  /** Token-protected JSON routes: CORS for the app origins, the token checked for `scope`. */
  async function api(ctx, scope, handle) {
    const origin = ctx.get('origin');
    if (origin && appOrigins.has(origin)) {
      ctx.set('access-control-allow-origin', origin);
      ctx.set('access-control-expose-headers', 'WWW-Authenticate, DPoP-Nonce');
      ctx.vary('Origin');
    }
    if (ctx.method === 'OPTIONS') {
      ctx.set('access-control-allow-methods', 'GET, POST, DELETE');
      ctx.set('access-control-allow-headers', 'authorization, dpop, content-type');
      ctx.set('access-control-max-age', '600');
      ctx.status = 204;
      return;
    }
    ctx.set('cache-control', 'no-store');
    let claims;
    try {
      claims = await verify(ctx, scope);
    } catch (error) {
      if (!(error instanceof TokenProblem)) throw error;
      ctx.set('www-authenticate', error.challenge);
      problem(ctx, error.status, error.error, error.status === 403 ? 'Forbidden' : 'Unauthorized', error.message);
      return;
    }
    await handle(String(claims.sub), claims);
  }

  /** The request's JSON object, or `undefined` once a 400 problem has been answered. */
  async function jsonBody(ctx) {
    try {
      return await readJsonObject(ctx.req);
    } catch (error) {
      problem(ctx, 400, 'invalid_body', 'Bad Request', error.message);
      return undefined;
    }
  }

  async function connect(ctx, sub, claims) {
    const body = await jsonBody(ctx);
    if (!body) return;
    const { connection, redirect_uri: redirectUri, state, code_challenge: codeChallenge, code_challenge_method: method } = body;
    if (typeof connection !== 'string' || !vault.connections[connection]) {
      problem(ctx, 400, 'connection_not_found', 'Bad Request', `no connection ${JSON.stringify(connection)} is enabled for connected accounts`);
      return;
    }
    if (typeof redirectUri !== 'string' || !onAppOrigin(redirectUri)) {
      problem(ctx, 400, 'invalid_redirect_uri', 'Bad Request', 'redirect_uri must be a URL of one of the application\'s origins');
      return;
    }
    if (codeChallenge !== undefined && method !== 'S256') {
      problem(ctx, 400, 'invalid_request', 'Bad Request', 'code_challenge_method must be S256');
      return;
    }
    const wanted = Array.isArray(body.scopes) ? body.scopes.map(String) : [];
    const { authSession, ticket, expiresIn } = vault.startConnect({
      sub,
      clientId: String(claims.azp ?? claims.client_id),
      connection,
      scopes: [...new Set([...vault.connections[connection].scopes, ...wanted])],
      redirectUri,
      state: typeof state === 'string' ? state : undefined,
      codeChallenge: typeof codeChallenge === 'string' ? codeChallenge : undefined,
    });
    ctx.status = 201;
    ctx.body = { connect_uri: `${issuer}connect`, auth_session: authSession, connect_params: { ticket }, expires_in: expiresIn };
  }

  async function complete(ctx, sub) {
    const body = await jsonBody(ctx);
    if (!body) return;
    const result = vault.complete({
      sub,
      authSession: String(body.auth_session ?? ''),
      connectCode: String(body.connect_code ?? ''),
      redirectUri: String(body.redirect_uri ?? ''),
      codeVerifier: typeof body.code_verifier === 'string' ? body.code_verifier : undefined,
    });
    if ('problem' in result) {
      problem(ctx, 400, result.problem, 'Bad Request', result.detail);
      return;
    }
    ctx.status = 201;
    ctx.body = describeAccount(result.account);
  }

  /** The stand-in upstream provider's consent step, reached through the connect ticket. */
  async function consent(ctx) {
    ctx.set('cache-control', 'no-store');
    const form = ctx.method === 'POST' ? await readForm(ctx.req) : undefined;
    const ticket = form?.get('ticket') ?? ctx.query.ticket;
    const found = typeof ticket === 'string' ? vault.byTicket(ticket) : undefined;
    if (!found) {
      ctx.status = 400;
      ctx.type = 'html';
      ctx.body = errorPage({ error: 'invalid_request', error_description: 'This connect link is unknown, used or expired.' });
      return;
    }
    const [authSession, session] = found;
    const back = new URL(session.redirectUri);
    if (ctx.method === 'GET' && !switches.autoApproveConnections) {
      ctx.type = 'html';
      ctx.body = connectPage({ action: '/connect', ticket, connection: vault.connections[session.connection].name, scopes: session.scopes });
      return;
    }
    if (form && form.get('decision') !== 'allow') {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'The user did not allow the connection.');
    } else {
      back.searchParams.set('connect_code', vault.approve(authSession));
    }
    if (session.state !== undefined) back.searchParams.set('state', session.state);
    ctx.status = 303;
    ctx.redirect(back.href);
  }

  /** The upstream provider's own API (a calendar), for upstream access tokens from the vault. */
  function calendar(ctx, connection) {
    const [scheme, token] = (ctx.get('authorization') || '').split(' ');
    const account = scheme?.toLowerCase() === 'bearer' ? vault.accountByUpstreamToken(token) : undefined;
    if (!account || account.connection !== connection) {
      ctx.status = 401;
      ctx.set('www-authenticate', 'Bearer error="invalid_token"');
      ctx.body = { error: { code: 401, message: 'Request had invalid authentication credentials.' } };
      return;
    }
    const day = new Date().toISOString().slice(0, 10);
    ctx.body = {
      kind: 'calendar#events',
      summary: `${account.sub}'s calendar (${connection}, stand-in)`,
      items: [
        { id: 'evt1', summary: 'Stand-up', start: { dateTime: `${day}T09:30:00Z` }, end: { dateTime: `${day}T09:45:00Z` } },
        { id: 'evt2', summary: 'Lunch with the team', start: { dateTime: `${day}T12:00:00Z` }, end: { dateTime: `${day}T13:00:00Z` } },
      ],
    };
  }

  return async function myAccount(ctx, next) {
    const { path, method } = ctx;
    if (path === `${BASE}/connect` && (method === 'POST' || method === 'OPTIONS')) {
      return api(ctx, 'create:me:connected_accounts', (sub, claims) => connect(ctx, sub, claims));
    }
    if (path === `${BASE}/complete` && (method === 'POST' || method === 'OPTIONS')) {
      return api(ctx, 'create:me:connected_accounts', (sub) => complete(ctx, sub));
    }
    if (path === `${BASE}/accounts` && (method === 'GET' || method === 'OPTIONS')) {
      return api(ctx, 'read:me:connected_accounts', async (sub) => {
        ctx.body = { accounts: vault.accountsOf(sub).map(describeAccount) };
      });
    }
    const accountMatch = ACCOUNT.exec(path);
    if (accountMatch && (method === 'DELETE' || method === 'OPTIONS')) {
      return api(ctx, 'delete:me:connected_accounts', async (sub) => {
        if (vault.remove(sub, accountMatch[1])) ctx.status = 204;
        else problem(ctx, 404, 'not_found', 'Not Found', 'no such connected account');
      });
    }
    if (path === '/connect' && (method === 'GET' || method === 'POST')) return consent(ctx);
    const calendarMatch = CALENDAR.exec(path);
    if (calendarMatch && method === 'GET') return calendar(ctx, calendarMatch[1]);
    return next();
  };
}
