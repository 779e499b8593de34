// Custom token exchange (RFC 8693, Auth0's "Custom Token Exchange"): an app trades a token from
// another identity system for this tenant's tokens. One profile is configured, for subject tokens
// of type `urn:example:external-token`: JWTs signed by a demo "legacy identity provider" whose key
// the tenant trusts, each usable once (jti), naming a user by username or email.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { errors } from 'oidc-provider';
import { bindGrantHelpers, issueUserTokens } from './user-grant.js';

export const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const EXTERNAL_TOKEN_TYPE = 'urn:example:external-token';
const ISSUED_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const LEGACY_ISSUER = 'https://legacy-idp.example.com/';

/** The stand-in legacy identity provider: mints subject tokens and remembers the used ones. */
export class LegacyIdp {
  #keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  /** @type {Map<string, number>} jti → expiry (s); entries are dropped once expired */
  #used = new Map();

  /** @param {string} audience the tenant, as the legacy tokens name it */
  constructor(audience) {
    this.audience = audience;
    this.issuer = LEGACY_ISSUER;
  }

  /**
   * @param {{ sub: string, jti?: string, expiresIn?: number }} claims `sub` is a username or email
   * @returns {Promise<string>}
   */
  mint({ sub, jti = randomUUID(), expiresIn = 300 }) {
    if (typeof sub !== 'string' || !sub) throw new TypeError('mintLegacyToken: sub must be a username or email');
    return new SignJWT({ sub, jti })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: 'legacy-idp-1' })
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt()
      .setExpirationTime(`${expiresIn}s`)
      .sign(this.#keys.privateKey);
  }

  /**
   * Verifies a subject token and uses it up.
   * @returns {Promise<{sub: string}>}
   */
  async redeem(token) {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.#keys.publicKey, {
        issuer: this.issuer, audience: this.audience, algorithms: ['ES256'], requiredClaims: ['sub', 'jti', 'exp'],
      }));
    } catch (cause) {
      throw new errors.CustomOIDCProviderError('invalid_token', `the subject token is not valid: ${cause.message}`);
    }
    const now = Math.floor(Date.now() / 1000);
    for (const [jti, exp] of this.#used) if (exp < now) this.#used.delete(jti);
    const jti = String(payload.jti);
    if (this.#used.has(jti)) throw new errors.CustomOIDCProviderError('invalid_grant', 'the subject token has already been used');
    this.#used.set(jti, Number(payload.exp));
    return { sub: String(payload.sub) };
  }
}

/**
 * Registers the grant on the provider.
 * @param {import('oidc-provider').default} provider
 * @param {object} tenant
 * @param {LegacyIdp} tenant.legacy
 * @param {import('./directory.js').Directory} tenant.directory
 * @param {Map<string, string>} tenant.grantOrgs
 */
export function registerTokenExchange(provider, { legacy, directory, grantOrgs }) {
  const helpers = bindGrantHelpers(provider);

  async function tokenExchange(ctx) {
    const { params, client } = ctx.oidc;
    for (const name of ['subject_token', 'subject_token_type']) {
      if (!params[name]) throw new errors.InvalidRequest(`missing required parameter '${name}'`);
    }
    if (params.subject_token_type !== EXTERNAL_TOKEN_TYPE) {
      throw new errors.InvalidRequest(`no token exchange profile for subject_token_type ${params.subject_token_type}`);
    }
    const dPoP = await helpers.validateDpop(ctx);
    const { sub } = await legacy.redeem(params.subject_token);
    const user = directory.userByLogin(sub);
    if (!user) throw new errors.CustomOIDCProviderError('invalid_grant', `the subject token names no user of this tenant (${sub})`);

    const org = params.organization ? directory.organization(params.organization) : undefined;
    if (params.organization && !org) throw new errors.InvalidRequest(`parameter organization is invalid: no organization ${params.organization}`);
    if (org && !directory.isMember(user.sub, org.key)) {
      throw new errors.AccessDenied(`user ${user.sub} is not part of the ${org.id} organization`);
    }

    await issueUserTokens(provider, helpers, ctx, {
      accountId: user.sub, gty: 'token_exchange', entityLabel: 'subject token', dPoP, onGrant: (grantId) => org && grantOrgs.set(grantId, org.key),
    });
    ctx.body.issued_token_type = ISSUED_TOKEN_TYPE;
  }

  provider.registerGrantType(TOKEN_EXCHANGE, tokenExchange, [
    'subject_token', 'subject_token_type', 'actor_token', 'actor_token_type', 'requested_token_type',
    'scope', 'resource', 'organization',
  ], ['resource']);
}
