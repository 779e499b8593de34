// /userinfo for access tokens issued for an API, as Auth0 serves it: a JWT access token asked
// for with an `audience` and the `openid` scope also lists `<issuer>userinfo` in its `aud`, and
// /userinfo accepts it. oidc-provider keeps no JWT access token and refuses any token with an
// audience at /userinfo, so these tokens are checked here: signed with the tenant's keys, issued
// by it, for `<issuer>userinfo`, not expired, and (DPoP-bound ones) with a fresh proof. The
// OpenID scopes granted with each such token are remembered by its `jti` (the JWT's `scope` lists
// the API's scopes only), so the answer holds the claims those scopes allow, as for any token.
import { decodeJwt, jwtVerify } from 'jose';
import { boundTokenVerifier, TokenProblem } from './bound-token.js';

/**
 * @param {object} tenant
 * @param {string} tenant.issuer
 * @param {Set<string>} tenant.appOrigins
 * @param {import('./keys.js').SigningKeys} tenant.keys
 * @param {Record<string, string[] | null>} tenant.claims scope → the claims it releases
 * @param {(ctx: any, sub: string, token: { grantId?: string }) => Promise<{ claims(): Promise<Record<string, unknown>> } | undefined>} tenant.findAccount
 */
export function apiTokensAtUserinfo({ issuer, appOrigins, keys, claims, findAccount }) {
  const audience = `${issuer}userinfo`;
  /** @type {Map<string, { scopes: string[], grantId: string, exp: number }>} jti → what /userinfo needs */
  const issued = new Map();
  const verifyBound = boundTokenVerifier({ issuer, audience, keys });

  /**
   * oidc-provider's `formats.customizers.jwt`: a user's API token whose grant holds `openid` for
   * this request also names the userinfo audience.
   */
  function customizeJwt(ctx, token, jwt) {
    const { Grant: grant, RefreshToken: refresh, AuthorizationCode: code } = ctx?.oidc?.entities ?? {};
    if (!token.accountId || !grant) return;
    // What the code or refresh token holds (custom token exchange: what was asked for), narrowed
    // by a refresh's own `scope`.
    const asked = new Set(String(ctx.oidc.params?.scope ?? '').split(' ').filter(Boolean));
    const held = (refresh ?? code)?.scopes ?? asked;
    const scopes = grant.getOIDCScopeFiltered(asked.size ? asked : held).split(' ').filter((scope) => held.has(scope));
    if (!scopes.includes('openid')) return;
    const { payload } = jwt;
    payload.aud = [...[payload.aud].flat(), audience];
    const now = Date.now() / 1000;
    for (const [jti, entry] of issued) if (entry.exp < now) issued.delete(jti);
    issued.set(payload.jti, { scopes, grantId: token.grantId, exp: payload.exp });
  }

  const refuse = (ctx, scheme, description) => {
    ctx.status = 401;
    ctx.set('www-authenticate', `${scheme} error="invalid_token", error_description="${description.replace(/"/g, "'").replace(/[^\x20-\x7e]/g, ' ')}"`);
    ctx.body = { error: 'invalid_token', error_description: description };
  };

  /** Koa middleware answering /userinfo for JWT access tokens; every other request goes on. */
  async function middleware(ctx, next) {
    const [scheme = '', token = ''] = (ctx.get('authorization') || '').split(' ');
    if (ctx.path !== '/userinfo' || !['GET', 'POST'].includes(ctx.method) || token.split('.').length !== 3) return next();
    ctx.set('cache-control', 'no-store');
    const origin = ctx.get('origin');
    if (origin && appOrigins.has(origin)) ctx.set('access-control-allow-origin', origin);
    if (origin) ctx.vary('Origin');
    const challenge = scheme.toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer';
    let payload;
    try {
      if (/** @type {any} */ (decodeJwt(token).cnf)?.jkt) {
        payload = await verifyBound(ctx);
      } else if (challenge !== 'Bearer') {
        throw new TokenProblem(401, 'invalid_token', 'a Bearer access token is required');
      } else {
        ({ payload } = await jwtVerify(token, keys.keySet(), { issuer, audience, typ: 'at+jwt' }));
      }
    } catch (error) {
      return refuse(ctx, challenge, error instanceof TokenProblem ? error.message : `the access token is not valid: ${error.message}`);
    }
    const entry = issued.get(String(payload.jti));
    const account = entry && await findAccount(ctx, String(payload.sub), { grantId: entry.grantId });
    if (!account) return refuse(ctx, challenge, 'the access token is not valid for /userinfo');
    const released = new Set(entry.scopes.flatMap((scope) => claims[scope] ?? []));
    released.add('sub');
    const all = await account.claims();
    ctx.body = Object.fromEntries(Object.entries(all).filter(([name, value]) => released.has(name) && value !== undefined));
    ctx.type = 'application/json';
    return undefined;
  }

  return { customizeJwt, middleware };
}
