// Auth0's MFA API at /mfa/*: list and delete authenticators, associate (enroll) one, start a
// challenge. The list, delete and associate routes take the `mfa_token` as a Bearer token; the
// challenge takes it in the JSON body with the client id, as Auth0's do.
// @see https://auth0.com/docs/api/authentication#multi-factor-authentication
import { readJsonObject } from './body.js';
import { TenantProblem } from './problem.js';

const AUTHENTICATOR = /^\/mfa\/authenticators\/([^/]+)$/;

/**
 * @param {object} tenant
 * @param {import('./mfa.js').Mfa} tenant.mfa
 * @param {Set<string>} tenant.appOrigins
 */
export function mfaRoutes({ mfa, appOrigins }) {
  const bearer = (ctx) => {
    const [scheme, token] = (ctx.get('authorization') || '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new TenantProblem(401, 'unauthorized', 'Authorization header with an mfa_token is required');
    return mfa.token(token, 401);
  };

  async function body(ctx) {
    try {
      return await readJsonObject(ctx.req);
    } catch (error) {
      throw new TenantProblem(400, 'invalid_request', `could not parse the request body: ${error.message}`);
    }
  }

  /** @type {Array<[RegExp | string, string, (ctx: any, match: RegExpExecArray | null) => Promise<void> | void]>} */
  const routes = [
    ['/mfa/authenticators', 'GET', (ctx) => {
      ctx.body = mfa.list(bearer(ctx).sub);
    }],
    [AUTHENTICATOR, 'DELETE', (ctx, match) => {
      const { sub } = bearer(ctx);
      if (!mfa.remove(sub, decodeURIComponent(match?.[1] ?? ''))) throw new TenantProblem(404, 'not_found', 'Authenticator not found');
      ctx.status = 204;
    }],
    ['/mfa/associate', 'POST', async (ctx) => {
      const record = bearer(ctx);
      ctx.body = mfa.associate(record, await body(ctx));
    }],
    ['/mfa/challenge', 'POST', async (ctx) => {
      const { mfa_token: token, client_id: clientId, challenge_type: type, authenticator_id: authenticatorId } = await body(ctx);
      const record = mfa.token(token);
      if (clientId !== record.clientId) throw new TenantProblem(401, 'invalid_client', 'client_id does not match the mfa_token');
      ctx.body = mfa.challenge(record, type, authenticatorId);
    }],
  ];

  return async function mfaApi(ctx, next) {
    if (!ctx.path.startsWith('/mfa/')) return next();
    const found = routes
      .map(([path, method, handle]) => ({ method, handle, match: typeof path === 'string' ? (path === ctx.path ? /** @type {any} */ ([]) : null) : path.exec(ctx.path) }))
      .filter((route) => route.match);
    if (!found.length) return next();

    const origin = ctx.get('origin');
    if (origin && appOrigins.has(origin)) {
      ctx.set('access-control-allow-origin', origin);
      ctx.vary('Origin');
    }
    ctx.set('cache-control', 'no-store');
    if (ctx.method === 'OPTIONS') {
      ctx.set('access-control-allow-methods', found.map((r) => r.method).join(', '));
      ctx.set('access-control-allow-headers', 'authorization, content-type, auth0-client');
      ctx.set('access-control-max-age', '600');
      ctx.status = 204;
      return undefined;
    }
    const route = found.find((r) => r.method === ctx.method);
    try {
      if (!route) throw new TenantProblem(405, 'method_not_allowed', `${ctx.method} is not allowed here`);
      await route.handle(ctx, route.match);
    } catch (error) {
      if (!(error instanceof TenantProblem)) throw error;
      ctx.status = error.status;
      ctx.body = error.toJSON();
    }
    return undefined;
  };
}
