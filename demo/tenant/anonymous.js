// Auth0's anonymous sessions: `POST /anonymous/token` (JSON) creates a session for a visitor who
// has not logged in — an identity `anon@<uuid>`, an opaque session token (also set as the
// `auth0_anon` cookie, which wins over the body, as Auth0's does) and an access token for an API
// that allows anonymous access — re-mints its access token from the session token, or mints a
// single-use 30 s transfer ticket (`audience: urn:auth0:anon_transfer`) that a login then carries
// to /authorize as `anon_transfer_token`. `POST /anonymous/logout` ends the session the cookie
// names. Transfers are recorded (test control `anonymousTransfers()`), as the link between the
// anonymous identity and the user who logged in; the tokens of that login then carry the
// anonymous identity as the claim `anonymous_sub` — what an Auth0 post-login Action does with
// `event.anonymous_session` — so an API can move the visitor's data (the demo's cart) over.
import { randomBytes, randomUUID } from 'node:crypto';
import { readJsonObject } from './body.js';

export const TRANSFER_AUDIENCE = 'urn:auth0:anon_transfer';
const COOKIE = 'auth0_anon';
/** Scopes an anonymous caller may get, by API identifier (the default API, read-only products). */
const ANONYMOUS_SCOPES = { 'https://api.example.com': ['read:products'] };
const ACCESS_TOKEN_TTL = 600;
const TRANSFER_TTL = 30;
const METADATA_LIMIT = 1024;
/** The claim that names the anonymous identity a login took along (tokens of its grant). */
export const ANONYMOUS_SUB_CLAIM = 'anonymous_sub';
/** How long a redeemed ticket waits for its login to finish (the interaction's lifetime). */
const LOGIN_TTL = 60 * 60;

const opaque = () => randomBytes(32).toString('base64url');

/**
 * @param {object} tenant
 * @param {string} tenant.issuer
 * @param {import('./keys.js').SigningKeys} tenant.keys
 * @param {Set<string>} tenant.appOrigins
 * @param {string[]} tenant.clientIds the SPA clients allowed to create anonymous sessions
 */
export function anonymousSessions({ issuer, keys, appOrigins, clientIds }) {
  /** @type {Map<string, {sub: string, sid: string, clientId: string, metadata?: Record<string, string>, expiresAt: number}>} */
  const sessions = new Map();
  /** @type {Map<string, {sessionToken: string, expiresAt: number}>} */
  const tickets = new Map();
  /** @type {{anonymousSub: string, metadata?: Record<string, string>, clientId: string, loginHint?: string}[]} */
  const transfers = [];
  /** Tickets taken to /authorize, until their login has made its grant. @type {Map<string, {transfer: object, expiresAt: number}>} */
  const redeemed = new Map();
  /** grantId → the anonymous identity its login took along. @type {Map<string, string>} */
  const grants = new Map();
  const switches = { sessionTtl: 24 * 60 * 60 };
  const now = () => Math.floor(Date.now() / 1000);

  function fail(ctx, status, error, description) {
    ctx.status = status;
    ctx.body = { error, error_description: description };
  }

  function accessToken(session, audience, scope) {
    const iat = now();
    return keys.signJwt({ typ: 'at+jwt' }, {
      iss: issuer, sub: session.sub, aud: audience, azp: session.clientId, scope, iat, exp: iat + ACCESS_TOKEN_TTL, sid: session.sid,
    });
  }

  async function token(ctx) {
    let body;
    try {
      body = await readJsonObject(ctx.req);
    } catch (error) {
      return fail(ctx, 400, 'invalid_request', error.message);
    }
    if (!clientIds.includes(body.client_id)) return fail(ctx, 401, 'unauthorized_client', 'the client is not enabled for anonymous sessions');
    // The cookie overrides the body (Auth0's browser behaviour).
    const sessionToken = ctx.cookies.get(COOKIE) ?? (typeof body.session_token === 'string' ? body.session_token : undefined);
    const existing = sessionToken && sessions.get(sessionToken);
    if (sessionToken && !existing) return fail(ctx, 400, 'invalid_session_token', 'the session token is malformed or unknown');
    if (existing && existing.expiresAt <= now()) {
      sessions.delete(sessionToken);
      return fail(ctx, 400, 'session_expired', 'the anonymous session has expired');
    }
    if (body.audience === TRANSFER_AUDIENCE) {
      if (!existing) return fail(ctx, 400, 'invalid_request', 'a transfer ticket needs a session_token');
      const ticket = opaque();
      tickets.set(ticket, { sessionToken, expiresAt: now() + TRANSFER_TTL });
      ctx.body = { anon_transfer_token: ticket, expires_in: TRANSFER_TTL };
      return undefined;
    }
    if (existing && body.metadata !== undefined) return fail(ctx, 400, 'invalid_request', 'metadata cannot be provided when session_token is present');
    if (body.metadata !== undefined && (typeof body.metadata !== 'object' || body.metadata === null || JSON.stringify(body.metadata).length > METADATA_LIMIT)) {
      return fail(ctx, 400, 'invalid_request', 'metadata must be an object of at most 1 KB');
    }
    const audience = typeof body.audience === 'string' ? body.audience : Object.keys(ANONYMOUS_SCOPES)[0];
    const allowed = ANONYMOUS_SCOPES[audience];
    if (!allowed) return fail(ctx, 400, 'invalid_target', `${audience} does not allow anonymous access`);
    const asked = typeof body.scope === 'string' ? body.scope.split(' ').filter(Boolean) : allowed;
    const refused = asked.filter((s) => !allowed.includes(s));
    if (refused.length) return fail(ctx, 403, 'invalid_scope', `not granted to anonymous callers: ${refused.join(' ')}`);

    let session = existing;
    let created;
    if (!session) {
      created = opaque();
      session = { sub: `anon@${randomUUID()}`, sid: randomUUID(), clientId: body.client_id, metadata: body.metadata, expiresAt: now() + switches.sessionTtl };
      sessions.set(created, session);
      ctx.cookies.set(COOKIE, created, { httpOnly: true, sameSite: 'lax', path: '/anonymous', overwrite: true });
    }
    const scope = asked.join(' ');
    ctx.body = {
      access_token: accessToken(session, audience, scope),
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_TTL,
      scope,
      ...(created && { session_token: created }),
      session_expires_in: session.expiresAt - now(),
    };
    return undefined;
  }

  function logout(ctx) {
    const sessionToken = ctx.cookies.get(COOKIE);
    if (sessionToken) sessions.delete(sessionToken);
    ctx.cookies.set(COOKIE, null, { path: '/anonymous' });
    ctx.status = 200;
    ctx.body = {};
  }

  /** Koa middleware: the two routes (CORS with credentials for the app origins) and /authorize's transfer. */
  async function routes(ctx, next) {
    if (ctx.path === '/authorize' && ctx.method === 'GET' && typeof ctx.query.anon_transfer_token === 'string') {
      const ticket = tickets.get(ctx.query.anon_transfer_token);
      tickets.delete(ctx.query.anon_transfer_token); // single use
      const session = ticket && ticket.expiresAt > now() && sessions.get(ticket.sessionToken);
      if (session) {
        const transfer = { anonymousSub: session.sub, metadata: session.metadata, clientId: String(ctx.query.client_id), loginHint: ctx.query.login_hint };
        transfers.push(transfer);
        redeemed.set(ctx.query.anon_transfer_token, { transfer, expiresAt: now() + LOGIN_TTL });
      }
      return next();
    }
    if (ctx.path !== '/anonymous/token' && ctx.path !== '/anonymous/logout') return next();
    const origin = ctx.get('origin');
    if (origin && appOrigins.has(origin)) {
      ctx.set('access-control-allow-origin', origin);
      ctx.set('access-control-allow-credentials', 'true');
      ctx.vary('Origin');
    }
    if (ctx.method === 'OPTIONS') {
      ctx.set('access-control-allow-methods', 'POST');
      // Auth0-Client: the SDK's telemetry header.
      ctx.set('access-control-allow-headers', 'content-type, auth0-client');
      ctx.set('access-control-max-age', '600');
      ctx.status = 204;
      return undefined;
    }
    if (ctx.method !== 'POST') return next();
    ctx.set('cache-control', 'no-store');
    return ctx.path === '/anonymous/token' ? token(ctx) : logout(ctx);
  }

  /**
   * The login of an authorization request that carried a redeemed ticket made `grantId` for
   * `userSub`: its tokens name the anonymous identity from now on (provider.js calls this).
   * @param {string} grantId
   * @param {unknown} ticket the request's `anon_transfer_token`
   * @param {string} userSub
   */
  function linkGrant(grantId, ticket, userSub) {
    const found = typeof ticket === 'string' && redeemed.get(ticket);
    if (!found) return;
    redeemed.delete(ticket);
    if (found.expiresAt <= now()) return;
    found.transfer.userSub = userSub;
    grants.set(grantId, found.transfer.anonymousSub);
  }

  /** Claims for the tokens of `grantId`: `anonymous_sub` when its login took an anonymous session along. */
  function claimsFor(grantId) {
    const sub = grantId && grants.get(grantId);
    return sub ? { [ANONYMOUS_SUB_CLAIM]: sub } : {};
  }

  const control = {
    /**
     * The anonymous sessions taken into logins so far (`anon_transfer_token` at /authorize), with
     * `userSub` once the login finished.
     */
    anonymousTransfers: () => transfers.map((t) => ({ ...t })),
    /** Every anonymous session expires now: the next re-mint answers `session_expired`. */
    expireAnonymousSessions() {
      for (const session of sessions.values()) session.expiresAt = 0;
    },
    /** Lifetime of new anonymous sessions in seconds (default a day). */
    anonymousSessionTtl(seconds) {
      if (!(Number.isFinite(seconds) && seconds > 0)) throw new TypeError('anonymousSessionTtl: seconds must be a number > 0');
      switches.sessionTtl = seconds;
    },
    /** Forgets every anonymous session, ticket and transfer. */
    resetAnonymous() {
      sessions.clear();
      tickets.clear();
      transfers.length = 0;
      redeemed.clear();
      grants.clear();
    },
  };
  return { routes, control, linkGrant, claimsFor };
}
