// `auth0-elements/engine`: the session engine's public API (DESIGN.md §3). Re-exports only.
export { Auth0Client, createAuth0Client } from './Auth0Client.js';
export { InMemoryCache } from './cache/in-memory-cache.js';
export { LocalStorageCache } from './cache/local-storage-cache.js';
export {
  GenericError,
  AuthenticationError,
  ConnectError,
  TimeoutError,
  PopupTimeoutError,
  PopupCancelledError,
  PopupOpenError,
  MfaRequiredError,
  MissingRefreshTokenError,
  MissingScopesError,
  InvalidConfigurationError,
  UseDpopNonceError,
  MyAccountApiError,
} from './errors.js';
export type { MyAccountApiProblem, MfaRequirements } from './errors.js';
export type { RedirectConnectAccountOptions, ConnectAccountRedirectResult } from './connect/connect-account.js';
export type { CompleteResponse } from './connect/my-account-api.js';
// client.myAccount's types (its class is a value of the engine entry, sdk-surface.ts).
export type * from './my-account/types.js';
export type { Auth0ClientOptions, AuthorizationParams } from './options.js';
export type { ICache, CacheEntry, WrappedCacheEntry, IdTokenEntry, DecodedToken } from './cache/cache-entry.js';
export type { User, IdToken } from './id-token.js';
export type { PopupConfigOptions } from './popup.js';
export type { SessionState, SessionStatus, SessionListener } from './state.js';
export type {
  RedirectLoginOptions,
  RedirectLoginResult,
  PopupLoginOptions,
  GetTokenWithPopupOptions,
  GetTokenSilentlyOptions,
  GetTokenSilentlyVerboseResponse,
  LogoutOptions,
  RevokeRefreshTokenOptions,
} from './types.js';
export type { Fetcher, FetcherConfig, AuthParams, CustomFetchMinimalOutput, ResponseHeaders } from './fetcher.js';
export type { DpopProofParams } from './dpop/proof.js';
export type { CustomTokenExchangeOptions, TokenEndpointResponse } from './token-exchange.js';
