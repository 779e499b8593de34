// The `/authorize` request (RFC 6749 §4.1.1 with PKCE, RFC 7636 §4.3) and the secrets the
// answer must later match.
import type { AuthorizationParams } from './options.js';
import { createPkcePair } from './pkce.js';
import { randomString } from './random.js';
import { DEFAULT_AUDIENCE } from './scope.js';

/** An authorize URL and what finishing it needs. */
export interface AuthorizeRequest {
  url: string;
  state: string;
  nonce: string;
  code_verifier: string;
  /** `undefined` when neither the call nor the client set one (the tenant's default applies). */
  redirect_uri: string | undefined;
  scope: string;
  /** `default` when no audience was asked for (cache-key form). */
  audience: string;
}

/** The `auth0Client` telemetry an app or wrapper may name itself with (the SPA SDK's option). */
export interface Auth0ClientInfo {
  name: string;
  version: string;
  env?: Record<string, string>;
}

/**
 * The `auth0Client` query parameter of `/authorize` and `/v2/logout`, as the SPA SDK sends it:
 * base64 JSON of `name` and `version` (`env` stays out of URLs); ours by default.
 */
export const telemetry = ({ name, version }: Auth0ClientInfo = { name: 'auth0-elements', version: '0.1.0' }): string => btoa(JSON.stringify({ name, version }));

/** Query string of the defined values only (`undefined` / `null` left out). */
export function queryString(params: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null) query.set(key, String(value));
  return query.toString();
}

/**
 * Builds the authorize URL with fresh `state`, `nonce` and an S256 PKCE pair.
 * @param params the merged authorization parameters, `scope` already resolved.
 * @param response_mode `query` for redirects, `web_message` for popup and silent iframe.
 */
export async function buildAuthorizeRequest(
  domainUrl: string,
  clientId: string,
  params: AuthorizationParams & { scope: string },
  response_mode: 'query' | 'web_message' = 'query',
): Promise<AuthorizeRequest> {
  const state = randomString();
  const nonce = randomString();
  const { code_verifier, code_challenge } = await createPkcePair();
  const query = queryString({
    client_id: clientId,
    ...params,
    response_type: 'code',
    response_mode,
    state,
    nonce,
    code_challenge,
    code_challenge_method: 'S256',
  });
  return {
    url: `${domainUrl}/authorize?${query}`,
    state,
    nonce,
    code_verifier,
    redirect_uri: params.redirect_uri,
    scope: params.scope,
    audience: params.audience || DEFAULT_AUDIENCE,
  };
}

/**
 * Native-to-Web SSO: a session transfer token the native app put in this page's URL (query
 * parameter `name`) goes along as `session_transfer_token`, unless the call names one, and leaves
 * the address bar (`history.replaceState`): it is single-use and must not be sent twice.
 * @see https://auth0.com/docs/authenticate/single-sign-on/native-to-web
 */
export function withSessionTransfer(name: string, params: AuthorizationParams): AuthorizationParams {
  const token = !params.session_transfer_token && new URLSearchParams(location.search).get(name);
  if (!token) return params;
  try {
    const url = new URL(location.href);
    url.searchParams.delete(name);
    history.replaceState({}, '', url);
  } catch {
    /* a page whose URL cannot be rewritten (sandboxed): the login goes on, as the SDK's */
  }
  return { ...params, session_transfer_token: token };
}
