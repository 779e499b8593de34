// Koa middleware that shapes oidc-provider's responses the way Auth0's look: token responses list
// the scopes granted in Auth0's words, and the JWKS lists every signing key still in use; discovery,
// revocation and the silent iframe's error page answer as Auth0's do. The ID
// token tampering switch applies here too, to the next token response that carries an ID token.
import { createHash } from 'node:crypto';
import { OFFLINE_SCOPE, ONLINE_SCOPE } from './provider.js';
import { tamperIdToken } from './tamper.js';

const words = (scope) => (typeof scope === 'string' ? scope.split(' ').filter(Boolean) : []);

/**
 * Auth0 answers with every scope granted (the OpenID ones and the API's), oidc-provider with the
 * access token's scopes only; and `offline_access` goes back to its public name.
 * @param {any} oidc the request's oidc-provider context
 */
function grantedScope(oidc, fallback) {
  const { AccessToken: at, Grant: grant, RefreshToken: rt, AuthorizationCode: code } = oidc.entities;
  const source = rt ?? code;
  const granted = new Set(words(grant?.getOIDCScope?.()));
  const requested = words(oidc.params?.scope || source?.scope);
  const scopes = new Set([...requested.filter((s) => granted.has(s)), ...words(at?.scope ?? fallback)]);
  // Auth0 never echoes `online_access` back.
  return [...scopes].filter((s) => s !== ONLINE_SCOPE).map((s) => (s === OFFLINE_SCOPE ? 'offline_access' : s)).join(' ');
}

/**
 * Auth0's web_message page posts the answer and leaves its window alone (the SDK closes the popup,
 * unless `closePopup: false`); oidc-provider's also closes it. Its script loses the `close()`, and
 * a Content-Security-Policy that allows the script by hash gets the new hash.
 */
function leaveWindowOpen(ctx) {
  const script = /<script>([\s\S]*?)<\/script>/.exec(ctx.body)?.[1];
  if (!script?.includes('win.close();')) return;
  const open = script.replace('win.close();', '');
  ctx.body = ctx.body.replace(script, () => open);
  const csp = ctx.response.get('content-security-policy');
  const sha = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  if (csp) ctx.set('content-security-policy', csp.replace(sha(script), sha(open)));
}

/**
 * @param {object} tenant
 * @param {import('./keys.js').SigningKeys} tenant.keys
 * @param {{ tamper?: import('./tamper.js').TamperKind }} tenant.switches
 */
export function auth0Responses({ keys, switches }) {
  return async function responses(ctx, next) {
    await next();
    if (ctx.path === '/.well-known/jwks.json' && ctx.status === 200) {
      ctx.body = keys.jwks();
      return;
    }
    // Discovery names `offline_access` (the internal name stands in for it, see provider.js), as
    // Auth0's does: standard clients (oidc-client-ts) ask for the scopes listed there.
    if (ctx.path === '/.well-known/openid-configuration' && ctx.status === 200 && Array.isArray(ctx.body?.scopes_supported)) {
      ctx.body.scopes_supported = ctx.body.scopes_supported.map((s) => (s === OFFLINE_SCOPE ? 'offline_access' : s));
      return;
    }
    // Revocation succeeded (RFC 7009 §2.2: 200, the body ignored): an empty body with no content
    // type, as Auth0 answers; a text/plain one is refused by clients that check the type.
    if (ctx.path === '/oauth/revoke' && ctx.status === 200) {
      // An online refresh token is its session's: revoking it ends the tenant session too, as Auth0's.
      const revoked = ctx.oidc?.entities.RefreshToken;
      if (revoked?.scopes.has(ONLINE_SCOPE) && revoked.sessionUid) await (await ctx.oidc.provider.Session.findByUid(revoked.sessionUid))?.destroy();
      ctx.body = '';
      ctx.remove('Content-Type');
      return;
    }
    // The silent iframe's answer (response_mode=web_message) is a page that posts the result to
    // the app, an error (login_required) included: Auth0 serves that page with 200, so the browser
    // logs no failed request for a visitor without a session.
    // The web_message page (at /authorize, or /authorize/<uid> after the login page).
    if (ctx.path.startsWith('/authorize') && typeof ctx.body === 'string' && ctx.body.includes('<title>Web Message Response</title>')) leaveWindowOpen(ctx);
    if (ctx.path === '/authorize' && ctx.status === 400 && ctx.oidc?.params?.response_mode === 'web_message' && ctx.response.is('html')) {
      ctx.status = 200;
      return;
    }
    if (ctx.path !== '/oauth/token' || ctx.status !== 200 || !ctx.body || typeof ctx.body !== 'object') return;

    const body = ctx.body;
    if (typeof body.scope === 'string') body.scope = grantedScope(ctx.oidc, body.scope);
    // An online refresh token is not rotated, and Auth0 sends no refresh_token on its refresh.
    const { RefreshToken: used, RotatedRefreshToken: rotated } = ctx.oidc.entities;
    if (ctx.oidc.params?.grant_type === 'refresh_token' && used?.scopes.has(ONLINE_SCOPE) && !rotated) delete body.refresh_token;
    if (body.id_token && switches.tamper) {
      body.id_token = tamperIdToken(body.id_token, switches.tamper, keys);
      switches.tamper = undefined;
    }
  };
}
