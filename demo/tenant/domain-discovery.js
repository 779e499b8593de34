// Home-realm discovery, as Auth0's Enterprise Connect answers it: WebFinger (RFC 7033) at
// /.well-known/webfinger?resource=urn:auth0:discovery:domain:<email domain>&rel=<OIDC issuer rel>
// answers 200 with a JRD for an email domain federated to an enterprise connection and 404 for any
// other; the SDK's `isFederatedDomain` reads only the status. At /authorize, a `login_hint` whose
// domain is federated (and no `connection`) goes to that domain's connection, whose stand-in here is
// the tenant's own login page naming the connection.

/** Email domains federated to an enterprise connection (stand-ins: the tenant's users log in there). */
export const FEDERATED_DOMAINS = Object.freeze({ 'acme.example': 'acme-sso' });

const RESOURCE = /^urn:auth0:discovery:domain:([a-z\d.-]+)$/;
const ISSUER_REL = 'http://openid.net/specs/connect/1.0/issuer';

/** The enterprise connection an email address's domain is federated to, if any. */
export function enterpriseConnectionOf(email) {
  const domain = typeof email === 'string' && email.includes('@') ? email.slice(email.lastIndexOf('@') + 1).toLowerCase() : '';
  return Object.hasOwn(FEDERATED_DOMAINS, domain) ? FEDERATED_DOMAINS[domain] : undefined;
}

/**
 * Koa middleware for the provider: the WebFinger route (open to any origin, as a public discovery
 * document) and the routing of federated `login_hint`s at /authorize.
 * @param {{ issuer: string }} tenant
 */
export function domainDiscoveryRoutes({ issuer }) {
  return async function domainDiscovery(ctx, next) {
    if (ctx.path === '/authorize' && ctx.method === 'GET' && !ctx.query.connection) {
      const connection = enterpriseConnectionOf(ctx.query.login_hint);
      if (connection) ctx.query = { ...ctx.query, connection };
      return next();
    }
    if (ctx.path !== '/.well-known/webfinger' || (ctx.method !== 'GET' && ctx.method !== 'OPTIONS')) return next();
    ctx.set('access-control-allow-origin', '*');
    if (ctx.method === 'OPTIONS') {
      // The SDK's telemetry header (Auth0-Client) makes its request a preflighted one.
      ctx.set('access-control-allow-methods', 'GET');
      ctx.set('access-control-allow-headers', 'auth0-client');
      ctx.set('access-control-max-age', '600');
      ctx.status = 204;
      return undefined;
    }
    ctx.set('cache-control', 'no-store');
    const match = RESOURCE.exec(String(ctx.query.resource ?? ''));
    if (!match) {
      ctx.status = 400;
      ctx.body = { error: 'invalid_request', error_description: 'resource must be urn:auth0:discovery:domain:<domain>' };
      return undefined;
    }
    const connection = Object.hasOwn(FEDERATED_DOMAINS, match[1]) ? FEDERATED_DOMAINS[match[1]] : undefined;
    if (!connection) {
      ctx.status = 404;
      ctx.body = { error: 'not_found', error_description: `${match[1]} is not a federated domain` };
      return undefined;
    }
    ctx.type = 'application/jrd+json';
    ctx.body = { subject: match[0], links: [{ rel: ISSUER_REL, href: issuer }], properties: { 'urn:auth0:connection': connection } };
    return undefined;
  };
}
