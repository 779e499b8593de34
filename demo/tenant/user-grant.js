// What Auth0's non-redirect grants (custom token exchange, the MFA grants, …) have in common once
// they know the user: a grant for the requested scopes and API, and the tokens an authorization
// code would have given, issued by oidc-provider's own helpers (it has no public API for custom
// grants; pinned by the oidc-provider 9.x dependency), as its built-in grants do.
import { errors } from 'oidc-provider';
import { issueTokens } from 'oidc-provider/lib/helpers/grant_common.js';
import * as grantHelpers from 'oidc-provider/lib/helpers/grants.js';

/**
 * A grant's refusal as oidc-provider answers errors, keeping Auth0's code and status (403, 429…).
 * @param {{ status: number, error: string, message: string }} problem
 */
export function refusal(problem) {
  const error = new errors.CustomOIDCProviderError(problem.error, problem.message);
  error.status = error.statusCode = problem.status;
  return error;
}

/**
 * oidc-provider's grant helpers bound to one provider.
 * @param {import('oidc-provider').default} provider
 */
export const bindGrantHelpers = (provider) =>
  Object.fromEntries(Object.entries(grantHelpers).map(([name, helper]) => [name, helper.bind(undefined, provider)]));

/**
 * Saves a grant for `accountId` with the request's scopes (the API's only where it defines them)
 * and answers the token request with its tokens.
 * @param {import('oidc-provider').default} provider
 * @param {ReturnType<typeof bindGrantHelpers>} helpers
 * @param {import('koa').Context} ctx the token request
 * @param {object} options
 * @param {string} options.accountId the user
 * @param {string} options.gty the grant's label in the tokens
 * @param {string} options.entityLabel what the request traded (for oidc-provider's errors)
 * @param {unknown} options.dPoP the request's validated DPoP proof, if any
 * @param {string[]} [options.amr] authentication methods the tokens claim
 * @param {string} [options.sid] a session id for the ID token (a login without a tenant session)
 * @param {(grantId: string) => void} [options.onGrant] called once the grant is saved, before issuing
 * @returns {Promise<string>} the grant's id
 */
export async function issueUserTokens(provider, helpers, ctx, { accountId, gty, entityLabel, dPoP, amr, sid, onGrant }) {
  const { client } = ctx.oidc;
  const [resourceServer] = await helpers.resolveRequestedResources(ctx);
  const scopes = new Set(ctx.oidc.requestParamScopes);
  scopes.delete('');
  const grant = new provider.Grant({ accountId, clientId: client.clientId });
  grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' ') || 'openid');
  if (resourceServer) {
    const apiScopes = [...scopes].filter((scope) => resourceServer.scopes.has(scope));
    if (apiScopes.length) grant.addResourceScope(resourceServer.identifier(), apiScopes.join(' '));
  }
  const grantId = await grant.save();
  onGrant?.(grantId);
  ctx.oidc.entity('Grant', grant);

  // What an authorization code would hold, had the user logged in.
  const resource = resourceServer?.identifier();
  const source = {
    accountId,
    grantId,
    scope: [...scopes].join(' '),
    scopes,
    resource,
    resourceIndicators: new Set(resource ? [resource] : []),
    authTime: Math.floor(Date.now() / 1000),
    ...(amr ? { amr } : {}),
    ...(sid ? { sid } : {}),
    expiresWithSession: false, // no login session stands behind these tokens
  };
  await issueTokens(provider, helpers, ctx, source, grant, { gty, entityLabel, dPoP });
  return grantId;
}
