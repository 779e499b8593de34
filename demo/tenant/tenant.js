// Assembles one running tenant: an HTTP server on 127.0.0.1, the Auth0 edge in front of a
// configured oidc-provider, and the test-only control surface.
import { createServer } from 'node:http';
import { createMemoryStore } from './adapter.js';
import { anonymousSessions } from './anonymous.js';
import { rotateDpopNonces } from './dpop.js';
import { Directory } from './directory.js';
import { domainDiscoveryRoutes } from './domain-discovery.js';
import { createEdge } from './edge.js';
import { Faults, RequestLog } from './faults.js';
import { registerFederatedConnectionGrant } from './federated-grant.js';
import { SigningKeys } from './keys.js';
import { loginRoutes } from './login.js';
import { mrrtHook } from './mrrt.js';
import { Mfa } from './mfa.js';
import { mfaHook, registerMfaGrants } from './mfa-grants.js';
import { mfaControl } from './mfa-control.js';
import { mfaRoutes } from './mfa-routes.js';
import { reuseIntervalHook } from './reuse-interval.js';
import { myAccountRoutes } from './my-account.js';
import { myAccountMethods } from './my-account-methods.js';
import { passkeys as passkeyCeremonies } from './passkey.js';
import { registerWebAuthnGrant } from './passkey-grant.js';
import { createProvider } from './provider.js';
import { auth0Responses } from './responses.js';
import { TAMPER_KINDS } from './tamper.js';
import { EXTERNAL_TOKEN_TYPE, LegacyIdp, registerTokenExchange } from './token-exchange.js';
import defaultConfig from './tenant.config.js';
import { Vault } from './vault.js';

/** @param {import('node:http').Server} server */
function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(/** @type {import('node:net').AddressInfo} */ (server.address()).port);
    });
  });
}

/**
 * API identifiers without a scheme (`me/`) are relative to the tenant; so are the MRRT policy
 * entries naming them.
 * @param {typeof defaultConfig} config
 * @param {string} issuer
 */
function resolveConfig(config, issuer) {
  const absolute = (identifier) => (/^[a-z][a-z\d+.-]*:/i.test(identifier) ? identifier : new URL(identifier, issuer).href);
  return {
    ...config,
    apis: Object.fromEntries(Object.entries(config.apis).map(([key, api]) => [key, { ...api, identifier: absolute(api.identifier) }])),
    clients: Object.fromEntries(Object.entries(config.clients).map(([key, client]) => [key,
      client.type === 'spa' ? { ...client, mrrt: client.mrrt.map(absolute) } : client])),
  };
}

/** Token-request hooks in order; the first error answer wins. */
const chain = (...hooks) => async (params) => {
  for (const hook of hooks) {
    const refused = await hook(params);
    if (refused) return refused;
  }
  return undefined;
};

/**
 * @param {{ port: number, host: string, appOrigins: string[], config?: typeof defaultConfig }} options
 */
export async function createTenant({ port, host, appOrigins, config: given = defaultConfig }) {
  const server = createServer();
  const actualPort = await listen(server, port, host);
  const domain = `http://${host}:${actualPort}`;
  const issuer = `${domain}/`;
  const config = resolveConfig(given, issuer);

  const origins = new Set(appOrigins.map((origin) => new URL(origin).origin));
  const directory = new Directory(config);
  const keys = new SigningKeys();
  const store = createMemoryStore();
  const faults = new Faults();
  const log = new RequestLog();
  /** @type {{ tamper?: import('./tamper.js').TamperKind, requireDpopNonce?: boolean, autoApproveConnections?: boolean, reuseInterval?: number }} */
  const switches = {};
  const grantOrgs = new Map();
  const sessionGrants = new Map();

  const mfa = new Mfa(config, directory);
  const anonymous = anonymousSessions({
    issuer, keys, appOrigins: origins, clientIds: Object.values(config.clients).filter((c) => c.type === 'spa').map((c) => c.clientId),
  });
  const provider = createProvider({
    issuer, config, directory, keys, Adapter: store.Adapter, appOrigins: origins, grantOrgs, sessionGrants, switches, mfa, anonymous,
  });
  registerMfaGrants(provider, mfa);
  provider.use(mfaRoutes({ mfa, appOrigins: origins }));
  const legacy = new LegacyIdp(issuer);
  registerTokenExchange(provider, { legacy, directory, grantOrgs });
  const vault = new Vault(config.connections);
  registerFederatedConnectionGrant(provider, { issuer, keys, vault });
  provider.use(domainDiscoveryRoutes({ issuer }));
  provider.use(anonymous.routes);
  const passkeys = passkeyCeremonies({
    appOrigins: origins, directory, tenantName: 'Auth0 Elements local tenant',
    clientIds: Object.values(config.clients).filter((c) => c.type === 'spa').map((c) => c.clientId),
  });
  provider.use(passkeys.routes);
  registerWebAuthnGrant(provider, { passkeys, directory, grantOrgs });
  provider.use(loginRoutes(provider, directory, mfa));
  if (config.apis.myAccount) {
    provider.use(myAccountRoutes({
      issuer, audience: config.apis.myAccount.identifier, keys, vault, appOrigins: origins, switches,
    }));
  }
  const methods = config.apis.myAccount && myAccountMethods({
    issuer, audience: config.apis.myAccount.identifier, keys, mfa, directory, appOrigins: origins,
  });
  if (methods) provider.use(methods.routes);
  provider.use(auth0Responses({ keys, switches }));

  const spa = Object.values(config.clients).find((client) => client.type === 'spa');
  server.on('request', createEdge({
    handler: provider.callback(),
    faults,
    log,
    appOrigins: origins,
    defaultClientId: spa?.clientId ?? '',
    beforeToken: chain(
      // Before MRRT's hook, which leaves a used token to the refresh grant.
      reuseIntervalHook(provider, store, (clientId) => switches.reuseInterval
        ?? Object.values(config.clients).find((client) => client.clientId === clientId)?.refreshTokenReuseInterval ?? 0),
      mrrtHook(provider, config),
      mfaHook(provider, mfa),
    ),
  }));

  const info = {
    issuer,
    domain,
    clients: Object.fromEntries(Object.entries(config.clients).map(([key, client]) => [key,
      client.type === 'confidential'
        ? { clientId: client.clientId, clientSecret: client.clientSecret }
        : { clientId: client.clientId, mrrt: [...client.mrrt] }])),
    apis: Object.fromEntries(Object.entries(config.apis).map(([key, api]) => [key, api.identifier])),
    apiScopes: Object.fromEntries(Object.values(config.apis).map((api) => [api.identifier, [...api.scopes]])),
    users: Object.fromEntries(Object.entries(config.users).map(([key, u]) => [key,
      { username: u.username, password: u.password, sub: u.sub, name: u.name, email: u.email }])),
    organizations: Object.fromEntries(Object.entries(config.organizations).map(([key, org]) => [key,
      { id: org.id, name: org.name, display_name: org.display_name }])),
    connections: Object.fromEntries(Object.entries(config.connections).map(([name, connection]) => [name, {
      name: connection.name,
      scopes: [...connection.scopes],
      // The stand-in upstream provider's API, accepting the upstream tokens Token Vault hands out.
      calendarApi: `${issuer}upstream/${name}/calendar/v3/events`,
    }])),
    // Custom token exchange: subject tokens from the demo legacy identity provider. The sample
    // names alice, lasts a day and, like every subject token, works once.
    tokenExchange: {
      subjectTokenType: EXTERNAL_TOKEN_TYPE,
      legacyIssuer: legacy.issuer,
      sampleSubjectToken: await legacy.mint({ sub: config.users.alice?.email ?? 'alice', expiresIn: 24 * 60 * 60 }),
    },
  };

  const control = {
    ...anonymous.control,
    ...passkeys.control,
    ...mfaControl(mfa, config),
    ...methods?.control,
    /**
     * The next `times` requests to `target` fail as `kind` says.
     * @param {import('./faults.js').FaultTarget} target
     * @param {import('./faults.js').FaultKind} kind
     */
    fault(target, kind, times = 1) {
      faults.add(target, kind, times);
    },
    clearFaults() {
      faults.clear();
    },
    /**
     * Auth0's refresh-token reuse interval (`refresh_token.leeway`), in seconds, for every client
     * from now on; `null` goes back to the config's (`clients.spa.refreshTokenReuseInterval`).
     */
    refreshTokenReuseInterval(seconds) {
      if (seconds !== null && !(Number.isFinite(seconds) && seconds >= 0)) throw new TypeError('refreshTokenReuseInterval: seconds must be a number ≥ 0 or null');
      switches.reuseInterval = seconds ?? undefined;
    },
    /** The next ID token from the token endpoint comes out wrong in this way. */
    tamperIdToken(kind) {
      if (!TAMPER_KINDS.includes(kind)) throw new TypeError(`tamperIdToken: unknown kind ${JSON.stringify(kind)}`);
      switches.tamper = kind;
    },
    /** A new signing key with a new kid signs from now on; the JWKS keeps the old ones. @returns {string} the new kid */
    rotateSigningKey() {
      return keys.rotate();
    },
    /** @param {Parameters<RequestLog['list']>[0]} [filter] */
    requests(filter) {
      return log.list(filter);
    },
    resetRequests() {
      log.reset();
    },
    /** The token requests seen (POST /oauth/token), e.g. `tokenRequests({grantType: 'refresh_token'})`. */
    tokenRequests(filter = {}) {
      return log.list({ ...filter, method: 'POST', path: '/oauth/token' });
    },
    /** Forgets every login session and grant: silent authentication now needs a login. */
    endAllSessions() {
      store.forget('Session', 'Grant', 'Interaction');
      sessionGrants.clear();
    },
    /** With `true`, every DPoP proof at the tenant must carry a nonce it issued (`use_dpop_nonce` otherwise). */
    requireDpopNonce(required = true) {
      switches.requireDpopNonce = Boolean(required);
    },
    /** Every DPoP nonce handed out so far stops working; the next proof is answered with a new one. */
    rotateDpopNonce() {
      rotateDpopNonces(provider);
    },
    /**
     * A subject token from the demo legacy identity provider, for custom token exchange.
     * @param {{ sub: string, jti?: string, expiresIn?: number }} claims `sub`: a username or email
     */
    mintLegacyToken(claims) {
      return legacy.mint(claims);
    },
    /** With `true`, the stand-in upstream provider skips its consent page (connect flows run unattended). */
    autoApproveConnections(enabled = true) {
      switches.autoApproveConnections = Boolean(enabled);
    },
    /** @returns {string} an invitation ticket for `email` to join the organization `orgKey` (works once) */
    createInvitation(orgKey, email) {
      return directory.createInvitation(orgKey, email);
    },
  };

  let closing;
  return {
    issuer,
    domain,
    port: actualPort,
    info,
    control,
    /** Stops the server and ends every connection, hung ones included. */
    close() {
      closing ??= new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
