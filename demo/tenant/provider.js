// oidc-provider configured to behave like an Auth0 tenant: Auth0's routes, claims, refresh-token
// rotation, audiences as RFC 8707 resources with JWT access tokens, organizations, no consent
// screen for first-party applications, and a login page at /u/login.
import Provider, { errors, interactionPolicy } from 'oidc-provider';
import { randomBytes } from 'node:crypto';
import { nonceSecret } from './dpop.js';
import { MFA_GRANT_TYPES } from './mfa-grants.js';
import { WEBAUTHN_GRANT } from './passkey.js';
import { withMfaPrompt } from './mfa-login.js';
import { errorPage, loggedOutPage, logoutPage } from './pages.js';
import { apiTokensAtUserinfo } from './userinfo.js';

/** The scope oidc-provider knows `offline_access` by: it drops `offline_access` itself unless
 * `prompt=consent` (OIDC Core §11), which Auth0 does not require. The HTTP edge translates. */
export const OFFLINE_SCOPE = 'offline';

/** Auth0's online refresh tokens (`refreshTokenMode: 'online'` in the SPA SDK): issued only to a
 * DPoP-bound token request, bound to the tenant session (refused once it ends) and to the DPoP
 * key (oidc-provider binds a public client's refresh token to the proof's key), never rotated. */
export const ONLINE_SCOPE = 'online_access';

const DAY = 24 * 60 * 60;

/**
 * @typedef {object} ProviderContext
 * @property {string} issuer
 * @property {typeof import('./tenant.config.js').default} config
 * @property {import('./directory.js').Directory} directory
 * @property {import('./keys.js').SigningKeys} keys
 * @property {new (model: string) => object} Adapter
 * @property {Set<string>} appOrigins
 * @property {Map<string, string>} grantOrgs grantId → organization key
 * @property {Map<string, string>} sessionGrants `${session uid} ${client id} ${org}` → grantId
 * @property {{ requireDpopNonce?: boolean }} switches test switches read while serving
 * @property {import('./mfa.js').Mfa} [mfa] the MFA state (adds `amr` to tokens of verified grants)
 * @property {{linkGrant(grantId: string, ticket: unknown, sub: string): void, claimsFor(grantId: string): object}} [anonymous]
 *   anonymous sessions (anonymous.js): a login with `anon_transfer_token` names the visitor in its tokens
 */

/** @param {ProviderContext} tenant */
export function createProvider(tenant) {
  const { issuer, config, directory, keys, Adapter, appOrigins, grantOrgs, sessionGrants, switches } = tenant;
  const apis = new Map(Object.values(config.apis).map((api) => [api.identifier, api]));
  const spaClients = Object.values(config.clients).filter((client) => client.type === 'spa');
  const appRedirects = appOrigins.size ? [...appOrigins] : ['http://127.0.0.1/'];

  const organizationOf = (grantId) => {
    const key = grantId && grantOrgs.get(grantId);
    return key ? { key, ...config.organizations[key] } : undefined;
  };

  const claims = {
    openid: ['sub', 'auth_time', 'org_id', 'org_name'],
    profile: ['name', 'nickname', 'picture', 'updated_at'],
    email: ['email', 'email_verified'],
    sid: null,
  };
  async function findAccount(ctx, sub, token) {
    const user = directory.userBySub(sub);
    if (!user) return undefined;
    const org = organizationOf(token?.grantId ?? ctx.oidc?.entities.Grant?.jti);
    return {
      accountId: sub,
      async claims() {
        const { name, nickname, picture, updated_at, email, email_verified } = user;
        return {
          sub, name, nickname, picture, updated_at, email, email_verified,
          ...(org && { org_id: org.id, org_name: org.name }),
        };
      },
    };
  }
  // Auth0: an API's access token asked for with `openid` is also for `<issuer>userinfo`.
  const apiUserinfo = apiTokensAtUserinfo({ issuer, appOrigins, keys, claims, findAccount });

  const provider = new Provider(issuer, {
    adapter: Adapter,
    jwks: { keys: [keys.providerKey()] },
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      names: { session: 'auth0', interaction: '_interaction', resume: '_interaction_resume' },
    },
    routes: {
      authorization: '/authorize',
      token: '/oauth/token',
      userinfo: '/userinfo',
      jwks: '/.well-known/jwks.json',
      revocation: '/oauth/revoke',
      end_session: '/oidc/logout',
      pushed_authorization_request: '/oauth/par',
    },
    clients: [
      ...spaClients.map((client) => ({
        client_id: client.clientId,
        client_name: client.name,
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:token-exchange',
          ...MFA_GRANT_TYPES, WEBAUTHN_GRANT],
        response_types: ['code'],
        redirect_uris: appRedirects,
        post_logout_redirect_uris: appRedirects,
      })),
      ...Object.values(config.clients).filter((client) => client.type === 'confidential').map((client) => ({
        client_id: client.clientId,
        client_secret: client.clientSecret,
        client_name: client.name,
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['client_credentials', 'urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token'],
        response_types: [],
        redirect_uris: [],
      })),
    ],
    scopes: ['openid', 'profile', 'email', OFFLINE_SCOPE, ONLINE_SCOPE],
    claims,
    formats: { customizers: { jwt: apiUserinfo.customizeJwt } },
    conformIdTokenClaims: false, // Auth0 puts the profile claims in the ID token
    extraParams: {
      organization(ctx, value) {
        if (value !== undefined && !directory.organization(value)) {
          throw new errors.InvalidRequest(`parameter organization is invalid: no organization ${value}`);
        }
      },
      invitation: null,
      anon_transfer_token: null,
      screen_hint: null,
      connection: null,
    },
    features: {
      devInteractions: { enabled: false },
      dPoP: {
        enabled: true,
        nonceSecret: nonceSecret(),
        requireNonce: () => switches.requireDpopNonce === true,
      },
      clientCredentials: { enabled: true },
      revocation: {
        enabled: true,
        allowedPolicy: async (ctx, client, token) => token.clientId === client.clientId,
      },
      userinfo: { enabled: true },
      webMessageResponseMode: { enabled: true, ack: 'individual-draft-01' },
      externalSigningSupport: { enabled: true, ack: 'experimental-01' },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        // A refresh without `audience` is for the API the token was first issued for (MRRT tokens hold several).
        defaultResource: async (ctx, client, oneOf) => (Array.isArray(oneOf) ? oneOf[0] : oneOf),
        useGrantedResource: async () => true,
        getResourceServerInfo: async (ctx, resource) => {
          const api = apis.get(resource);
          if (!api) throw new errors.InvalidTarget(`Service not found: ${resource}`);
          return {
            scope: api.scopes.join(' '),
            audience: api.identifier,
            accessTokenTTL: api.accessTokenTTL,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    clientBasedCORS: (ctx, origin, client) => client.clientAuthMethod === 'none' && appOrigins.has(origin),
    pkce: { required: () => true },
    ttl: {
      AccessToken: (ctx, token) => token.resourceServer?.accessTokenTTL ?? DAY,
      AuthorizationCode: 60,
      ClientCredentials: (ctx, token) => token.resourceServer?.accessTokenTTL ?? DAY,
      IdToken: 10 * 60 * 60,
      Interaction: 60 * 60,
      Session: 3 * DAY,
      Grant: 30 * DAY,
      // A rotated refresh token inherits what is left of its family's absolute lifetime.
      RefreshToken: (ctx) => ctx?.oidc?.entities.RotatedRefreshToken?.remainingTTL ?? 30 * DAY,
    },
    interactions: {
      policy: tenant.mfa ? withMfaPrompt(interactionPolicy.base(), tenant.mfa) : interactionPolicy.base(),
      url: async (ctx, interaction) => `/u/login/${interaction.uid}`,
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out);
    },
    rotateRefreshToken: (ctx) => !ctx.oidc.entities.RefreshToken?.scopes.has(ONLINE_SCOPE),
    issueRefreshToken: async (ctx, client, source) =>
      client.grantTypeAllowed('refresh_token') && (source.scopes.has(OFFLINE_SCOPE) || (source.scopes.has(ONLINE_SCOPE) && !!ctx.get('DPoP'))),
    expiresWithSession: async (ctx, source) => !source.scopes.has(OFFLINE_SCOPE),

    findAccount,

    async extraTokenClaims(ctx, token) {
      const org = organizationOf(token.grantId);
      return { azp: token.clientId, ...(org && { org_id: org.id }), ...tenant.mfa?.claimsFor(token.grantId), ...tenant.anonymous?.claimsFor(token.grantId) };
    },

    // First-party applications get what they ask for without a consent screen: the grant for this
    // session, client and organization is found or made, then extended with the requested scopes.
    async loadExistingGrant(ctx) {
      const { client, session, params, account } = ctx.oidc;
      const org = params.organization ? directory.organization(params.organization) : undefined;
      if (org) admitToOrganization(ctx, org, directory.userBySub(account.accountId));

      const key = `${session.uid} ${client.clientId} ${org?.key ?? ''}`;
      const known = sessionGrants.get(key);
      let grant = known && await ctx.oidc.provider.Grant.find(known);
      if (!grant) {
        grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: account.accountId });
      }
      grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' ') || 'openid');
      for (const [indicator, resourceServer] of Object.entries(ctx.oidc.resourceServers)) {
        const scopes = [...ctx.oidc.requestParamScopes].filter((scope) => resourceServer.scopes.has(scope));
        if (scopes.length) grant.addResourceScope(indicator, scopes.join(' '));
      }
      const grantId = await grant.save();
      if (session.amr?.includes('mfa')) tenant.mfa?.markVerified(grantId); // Universal Login's MFA step passed
      sessionGrants.set(key, grantId);
      if (org) grantOrgs.set(grantId, org.key);
      tenant.anonymous?.linkGrant(grantId, params.anon_transfer_token, account.accountId);
      return grant;
    },
  });

  // Auth0 accepts any callback and logout URL its application lists; here, any URL on an app origin.
  const onAppOrigin = (uri) => {
    const url = URL.parse(uri);
    return !!url && !url.hash && appOrigins.has(url.origin);
  };
  provider.Client.prototype.redirectUriAllowed = onAppOrigin;
  provider.Client.prototype.postLogoutRedirectUriAllowed = onAppOrigin;
  // Auth0's ID tokens always carry the session id.
  provider.Client.prototype.includeSid = () => true;
  provider.use(apiUserinfo.middleware);

  /**
   * Auth0 refuses a login to an organization the user does not belong to, unless an invitation
   * to it comes with the request.
   */
  function admitToOrganization(ctx, org, user) {
    const { invitation, nonce, state } = ctx.oidc.params;
    if (invitation) {
      const refused = directory.acceptInvitation(invitation, org, user, String(nonce ?? state ?? ''));
      if (refused) throw new errors.AccessDenied(`${refused} (invitation ${invitation})`);
    }
    if (!directory.isMember(user.sub, org.key)) {
      throw new errors.AccessDenied(`user ${user.sub} is not part of the ${org.id} organization`);
    }
  }

  return provider;
}
