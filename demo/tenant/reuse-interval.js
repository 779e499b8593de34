// Auth0's refresh-token rotation "reuse interval" (Management API `refresh_token.leeway`): for that
// many seconds after a rotation, the token just rotated out may be exchanged again without
// tripping reuse detection, and gets a new successor — so a client that never saw the answer of
// its refresh (a reset, a cut body, a timeout) can ask again. Only the previous token qualifies:
// once its successor has been used, or past the interval, a reuse revokes the family as before.
// Auth0's default is 0 (no reuse); the tenant's is `clients.spa.refreshTokenReuseInterval`.
// @see https://auth0.com/docs/secure/tokens/refresh-tokens/configure-refresh-token-rotation

/**
 * @param {import('oidc-provider').default} provider
 * @param {{ grantItems(grantId: string, model: string): { id: string, payload: any }[] }} store
 * @param {(clientId: string) => number} reuseInterval seconds, per client
 * @returns {(params: URLSearchParams) => Promise<undefined>} runs before every token request
 */
export function reuseIntervalHook(provider, store, reuseInterval) {
  const adapter = new store.Adapter('RefreshToken');
  return async function allowReuse(params) {
    if (params.get('grant_type') !== 'refresh_token') return undefined;
    const id = params.get('refresh_token') ?? '';
    const token = await provider.RefreshToken.find(id, { ignoreExpiration: true });
    if (!token?.consumed || token.isExpired) return undefined;
    const seconds = reuseInterval(token.clientId);
    if (!(seconds > 0) || Math.floor(Date.now() / 1000) - token.consumed > seconds) return undefined;
    const rotations = (token.rotations ?? 0) + 1;
    const successors = store.grantItems(token.grantId, 'RefreshToken')
      .filter(({ payload }) => payload.iiat === token.iiat && payload.rotations === rotations);
    if (successors.length !== 1 || successors[0].payload.consumed) return undefined;
    // The unseen successor goes; the previous token is exchanged again and rotates as usual.
    await adapter.destroy(successors[0].id);
    const stored = await adapter.find(id);
    if (stored) delete stored.consumed;
    return undefined;
  };
}
