// Token Vault's federated-connection exchange, Auth0's grant for backends: a confidential client
// trades a user's access token (or refresh token) from this tenant for that user's access token
// at an upstream provider (connection), kept fresh from the refresh token the vault holds.
import { jwtVerify } from 'jose';
import { errors } from 'oidc-provider';

export const FEDERATED_CONNECTION_GRANT = 'urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token';
const FEDERATED_TOKEN_TYPE = 'http://auth0.com/oauth/token-type/federated-connection-access-token';
const ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';
const REFRESH_TOKEN = 'urn:ietf:params:oauth:token-type:refresh_token';

/**
 * @param {import('oidc-provider').default} provider
 * @param {object} tenant
 * @param {string} tenant.issuer
 * @param {import('./keys.js').SigningKeys} tenant.keys
 * @param {import('./vault.js').Vault} tenant.vault
 */
export function registerFederatedConnectionGrant(provider, { issuer, keys, vault }) {
  /** Whose token this is: a JWT access token or an opaque one issued here, or a refresh token. */
  async function subjectOf(token, type) {
    if (type === REFRESH_TOKEN) {
      const refreshToken = await provider.RefreshToken.find(token);
      if (!refreshToken?.isValid) throw new errors.CustomOIDCProviderError('invalid_grant', 'the subject refresh token is not valid');
      return refreshToken.accountId;
    }
    if (type !== ACCESS_TOKEN) {
      throw new errors.InvalidRequest(`subject_token_type must be ${ACCESS_TOKEN} or ${REFRESH_TOKEN}`);
    }
    if (token.split('.').length === 3) {
      try {
        const { payload } = await jwtVerify(token, keys.keySet(), { issuer });
        if (payload.sub && payload.sub !== payload.client_id) return payload.sub;
      } catch {
        // reported below
      }
    } else {
      const accessToken = await provider.AccessToken.find(token);
      if (accessToken?.isValid && accessToken.accountId) return accessToken.accountId;
    }
    throw new errors.CustomOIDCProviderError('invalid_grant', 'the subject access token is not a valid user token of this tenant');
  }

  async function federatedConnection(ctx) {
    const { params } = ctx.oidc;
    for (const name of ['subject_token', 'subject_token_type', 'connection']) {
      if (!params[name]) throw new errors.InvalidRequest(`missing required parameter '${name}'`);
    }
    if (params.requested_token_type && params.requested_token_type !== FEDERATED_TOKEN_TYPE) {
      throw new errors.InvalidRequest(`requested_token_type must be ${FEDERATED_TOKEN_TYPE}`);
    }
    if (!vault.connections[params.connection]) {
      throw new errors.InvalidRequest(`connection ${params.connection} does not exist or is not enabled for Token Vault`);
    }
    const sub = await subjectOf(params.subject_token, params.subject_token_type);
    const upstream = vault.upstreamToken(sub, params.connection);
    if (!upstream) {
      throw new errors.CustomOIDCProviderError(
        'federated_connection_refresh_token_not_found',
        `${sub} has no connected ${params.connection} account: connect it first`,
      );
    }
    ctx.body = {
      access_token: upstream.accessToken,
      expires_in: upstream.expiresIn,
      scope: upstream.scopes.join(' '),
      issued_token_type: FEDERATED_TOKEN_TYPE,
      token_type: 'Bearer',
    };
  }

  provider.registerGrantType(FEDERATED_CONNECTION_GRANT, federatedConnection, [
    'subject_token', 'subject_token_type', 'requested_token_type', 'connection', 'login_hint',
  ]);
}
