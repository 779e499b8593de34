// Custom token exchange (RFC 8693, Auth0's "Custom Token Exchange"): an app that already holds a
// token from another identity system trades it at `/oauth/token` for this tenant's tokens, with
// no browser redirect. This module shapes the request; Auth0Client sends it through the same token
// path as a login (DPoP proof, ID-token verification, cache) or, for `customTokenExchange`, only
// returns the answer.
import type { Auth0ClientOptions } from './options.js';

/** The grant type of RFC 8693 §2.1. */
export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';

/**
 * `loginWithCustomTokenExchange(options)` / `customTokenExchange(options)` — the SPA SDK's names.
 * Any other string-valued key is sent to the tenant as given (Auth0 hands it to the Action that
 * validates the subject token, as `event.request.body`).
 */
export interface CustomTokenExchangeOptions {
  /** The external token being exchanged (RFC 8693 §2.1 `subject_token`). */
  subject_token: string;
  /**
   * Its type: a URI of your own namespace that names the tenant's token exchange profile, e.g.
   * `urn:acme:legacy-token` (`urn:ietf:params:oauth:*`, `urn:auth0:*` and `https://auth0.com/*`
   * are reserved).
   */
  subject_token_type: string;
  /** The API the access token is for. Default: the client's `authorizationParams.audience`. */
  audience?: string;
  /** Scopes to ask for; merged with the client's default scope, as for any token request. */
  scope?: string;
  /** Organization id (`org_…`) or name; the ID token's `org_id` / `org_name` must then match. */
  organization?: string;
  /** A token of the party acting on the subject's behalf (RFC 8693 §2.1 `actor_token`). */
  actor_token?: string;
  /** The type of `actor_token`. */
  actor_token_type?: string;
  [key: string]: unknown;
}

/** What a successful exchange returns (the SPA SDK's `TokenEndpointResponse`). */
export interface TokenEndpointResponse {
  access_token: string;
  id_token: string;
  expires_in: number;
  scope?: string;
  token_type?: string;
  /** The login's refresh token, where the session's store lets one through (not in memory mode: the worker keeps it). */
  refresh_token?: string;
  /** The type of the issued token (RFC 8693 §2.2.1). */
  issued_token_type?: string;
}

/** Audience, scope and organization after the client's defaults are applied. */
export interface ResolvedExchangeParams {
  /** Sent as `audience` when set. */
  audience?: string;
  /** The merged scope (`openid` and the client's defaults included). */
  scope: string;
  organization?: string;
}

/**
 * The token-endpoint parameters of an exchange: `grant_type`, the subject (and actor) token,
 * `audience`, `scope`, `organization` and any custom string parameter.
 * @see RFC 8693 §2.1
 * @throws TypeError naming the option when `subject_token` or `subject_token_type` is missing.
 */
export function tokenExchangeGrant(
  options: CustomTokenExchangeOptions,
  resolved: ResolvedExchangeParams,
): { grant_type: string } & Record<string, string | undefined> {
  for (const name of ['subject_token', 'subject_token_type'] as const) {
    if (typeof options?.[name] !== 'string' || !options[name].trim()) {
      throw new TypeError(`Auth0Client: custom token exchange option \`${name}\` is required (a non-empty string)`);
    }
  }
  const custom: Record<string, string> = {};
  for (const [key, value] of Object.entries(options)) if (typeof value === 'string') custom[key] = value;
  return { ...custom, grant_type: TOKEN_EXCHANGE_GRANT, ...resolved };
}

/**
 * The exchange's result as the SPA SDK returns it: the tokens plus the answer's `issued_token_type`
 * and its refresh token where the page holds it anyway — a login's where the session's store let
 * it through; `customTokenExchange`'s unless the client's refresh tokens live in the worker (the
 * SDK's worker strips it there).
 */
export function exchangeResult(
  result: TokenEndpointResponse,
  { issued_token_type, refresh_token }: { issued_token_type?: string; refresh_token?: string },
  login: boolean,
  { useRefreshTokens, cache, cacheLocation }: Pick<Auth0ClientOptions, 'useRefreshTokens' | 'cache' | 'cacheLocation'>,
): TokenEndpointResponse {
  const inWorker = useRefreshTokens && !cache && cacheLocation !== 'localstorage' && typeof Worker === 'function';
  return { ...result, ...(issued_token_type ? { issued_token_type } : null), ...((login || !inWorker) && refresh_token ? { refresh_token } : null) };
}
