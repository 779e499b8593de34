// Argument and result types of the client's methods — the SPA SDK's names and shapes.
import type { AuthorizationParams } from './options.js';

/** `loginWithRedirect(options)`. */
export interface RedirectLoginOptions<TAppState = any> {
  authorizationParams?: AuthorizationParams;
  /** Saved with the transaction and returned by `handleRedirectCallback`; never sent to the tenant. */
  appState?: TAppState;
  /** Appended to the authorize URL as `#fragment`. */
  fragment?: string;
  /** Replaces `window.location.assign(url)`, e.g. for a native shell or a test. */
  openUrl?: (url: string) => void | Promise<void>;
  /** @deprecated the SPA SDK's older name of `openUrl` (used where `openUrl` is not given). */
  onRedirect?: (url: string) => Promise<void>;
}

/** What `handleRedirectCallback` returns. */
export interface RedirectLoginResult<TAppState = any> {
  appState?: TAppState;
  /** `code` for a login; `connect_code` for the connected-accounts flow. */
  response_type?: 'code' | 'connect_code';
  /** The connection of a connected-accounts callback. */
  connection?: string;
}

/** `loginWithPopup(options)`. */
export interface PopupLoginOptions {
  authorizationParams?: AuthorizationParams;
}

/** `getTokenWithPopup(options)`. */
export interface GetTokenWithPopupOptions extends PopupLoginOptions {
  /** Accepted for compatibility with the SPA SDK; a popup login always gets fresh tokens. */
  cacheMode?: 'on' | 'off' | 'cache-only';
}

/** `getTokenSilently(options)`. */
export interface GetTokenSilentlyOptions {
  /**
   * `on` (default): the cache first, then the tenant; `off`: always the tenant; `cache-only`: the
   * cache or `undefined`, never the network.
   */
  cacheMode?: 'on' | 'off' | 'cache-only';
  /** Per-call parameters; `audience` and `scope` select the token (scopes merge with the default). */
  authorizationParams?: AuthorizationParams;
  /** Silent-iframe timeout for this call. Default: `authorizeTimeoutInSeconds`. */
  timeoutInSeconds?: number;
  /** Return `{access_token, id_token, expires_in, scope, token_type}` instead of the token. */
  detailedResponse?: boolean;
}

/** `getTokenSilently({detailedResponse: true})`. */
export interface GetTokenSilentlyVerboseResponse {
  access_token: string;
  id_token: string;
  expires_in: number;
  scope?: string;
  token_type: string;
}

/** `revokeRefreshToken(options)`. */
export interface RevokeRefreshTokenOptions {
  /** Whose refresh tokens to revoke. Default: the client's `authorizationParams.audience` (or none). */
  audience?: string;
}

/** `logout(options)`. */
export interface LogoutOptions {
  /** The client whose local session ends and whose id goes to `/v2/logout`; `null`: all clients, none sent. */
  clientId?: string | null;
  logoutParams?: {
    /** Where the tenant sends the user afterwards; passed through as given. */
    returnTo?: string;
    /** Also end the session at the upstream identity provider. */
    federated?: boolean;
    [key: string]: any;
  };
  /** `false`: end the local session only; a function: open the logout URL yourself. */
  openUrl?: false | ((url: string) => void | Promise<void>);
  /** @deprecated the SPA SDK's older name of `openUrl` (used where `openUrl` is not given). */
  onRedirect?: (url: string) => Promise<void>;
}
