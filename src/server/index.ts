// auth0-elements/server: the Node entry (DESIGN.md §5).
export { ApiClient } from './api-client.js';
export type { ApiClientOptions, ApiClientDpopOptions } from './api-client.js';
export type {
  AccessTokenClaims,
  VerifiedAccessToken,
  VerifyAccessTokenOptions,
} from './verify-access-token.js';
export type { AccessTokenForConnectionOptions, ConnectionTokenSet } from './token-exchange.js';
export { FEDERATED_CONNECTION_GRANT, FEDERATED_CONNECTION_TOKEN_TYPE } from './token-exchange.js';
export { auth, requiredScopes } from './middleware.js';
export type { AuthOptions, AuthMiddleware, AuthRequest, AuthResponse, Middleware, NextFunction } from './middleware.js';
export type { VerifiedRequest } from './verify-access-token.js';
export type { JwksCacheOptions } from './jwks.js';
export { readCredentials } from './request-credentials.js';
export type { HeadersLike, RequestCredentials } from './request-credentials.js';
export { InMemoryReplayCache } from './replay-cache.js';
export type { ReplayStore, InMemoryReplayCacheOptions } from './replay-cache.js';
export { RedisReplayStore } from './redis-store.js';
export type { RedisReplayStoreOptions, RedisClientLike } from './redis-store.js';
export { DpopNonces } from './nonce.js';
export type { DpopNonceOptions } from './nonce.js';
export { jwkThumbprint } from './jwk-thumbprint.js';
export {
  AuthError,
  VerifyAccessTokenError,
  InvalidRequestError,
  InvalidTokenError,
  InvalidDpopProofError,
  UseDpopNonceError,
  InsufficientScopeError,
  ReplayStoreUnavailableError,
  TokenForConnectionError,
  NetworkError,
  TimeoutError,
  MissingRequiredArgumentError,
  InvalidArgumentError,
} from './errors.js';
