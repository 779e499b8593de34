// Multi-resource refresh tokens (Auth0's MRRT): a refresh token issued for one API may be used for
// the other APIs its client's policy lists. oidc-provider only refreshes for the resources a token
// already holds, so before such a refresh grant the token (and its grant) is extended with the
// requested API and the requested scopes that API defines. An audience the token cannot serve is
// refused here, before oidc-provider would rotate the token and then fail (leaving the app with a
// used-up refresh token).
// @see https://auth0.com/docs/secure/tokens/refresh-tokens/multi-resource-refresh-token

const list = (value) => (Array.isArray(value) ? value : value ? [value] : []);

/**
 * @param {import('oidc-provider').default} provider
 * @param {typeof import('./tenant.config.js').default} config
 * @returns {(params: URLSearchParams) => Promise<{error: string, error_description: string} | undefined>}
 *   runs before every token request; an error is the answer to send instead
 */
export function mrrtHook(provider, config) {
  const apis = new Map(Object.values(config.apis).map((api) => [api.identifier, api]));
  const policies = new Map(Object.values(config.clients).map((client) => [client.clientId, new Set(client.mrrt ?? [])]));

  return async function extendForAudience(params) {
    const resource = params.get('resource');
    if (params.get('grant_type') !== 'refresh_token' || !resource) return;
    const token = await provider.RefreshToken.find(params.get('refresh_token') ?? '', { ignoreExpiration: true });
    // An unknown, used or expired token is the refresh grant's to refuse (reuse detection included).
    if (!token || token.consumed || token.isExpired) return undefined;
    const resources = list(token.resource);
    const inPolicy = policies.get(token.clientId)?.has(resource) && apis.has(resource);
    // A resource the token holds already, outside the policy: its scopes are the grant's.
    if (resources.includes(resource) && !inPolicy) return undefined;
    if (!inPolicy) {
      return { error: 'invalid_target', error_description: `the refresh token cannot be used for audience ${resource}` };
    }
    // An API of the policy: any of its scopes, also ones asked for after its first token (the My
    // Account API's calls each ask for their own scope).

    const api = /** @type {import('./tenant.config.js').ApiConfig} */ (apis.get(resource));
    const requested = (params.get('scope') ?? '').split(' ').filter((scope) => api.scopes.includes(scope));
    token.resource = [...new Set([...resources, resource])];
    token.scope = [...new Set([...(token.scope ?? '').split(' '), ...requested])].filter(Boolean).join(' ');
    const grant = await provider.Grant.find(token.grantId);
    if (grant && requested.length) {
      grant.addResourceScope(resource, requested.join(' '));
      await grant.save();
    }
    await token.save();
    return undefined;
  };
}
