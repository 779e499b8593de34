import { ApiClient, verifierOf, type ApiClientDpopOptions, type ApiClientOptions } from './api-client.js';
import { InsufficientScopeError, InvalidArgumentError, InvalidRequestError } from './errors.js';
import type { HeadersLike } from './request-credentials.js';
import { checkScopes, verifyRequest, withChallenge, type VerifiedRequest, type VerifierConfig } from './verify-access-token.js';

/** The request as Express (or plain `node:http`) hands it to a middleware. */
export interface AuthRequest {
  headers: HeadersLike;
  method?: string;
  /** The path and query (`node:http`; Express: relative to the mount point). */
  url?: string;
  /** Express: the path and query as the client sent it. */
  originalUrl?: string;
  /** Express: `http` or `https`, honouring `trust proxy`. */
  protocol?: string;
  /** Express: a request header. */
  get?(name: string): string | undefined;
  socket?: { encrypted?: boolean };
  /** Set by {@link auth} on success. */
  auth?: VerifiedRequest;
}

/** The response: only `setHeader`, for `DPoP-Nonce` (RFC 9449 §9). */
export interface AuthResponse {
  setHeader(name: string, value: string): unknown;
}

/** Express's `next`: no argument to go on, an error to answer with it. */
export type NextFunction = (error?: unknown) => void;

/** An Express-compatible middleware. */
export type Middleware = (req: AuthRequest, res: AuthResponse, next: NextFunction) => void;

/** Options of {@link auth}, in the shape of `express-oauth2-jwt-bearer`'s. */
export interface AuthOptions extends Omit<ApiClientOptions, 'domain' | 'dpop'> {
  /** The tenant, e.g. `https://tenant.eu.auth0.com` (or give `domain`). */
  issuerBaseURL?: string;
  /** The tenant as a host (`tenant.eu.auth0.com`) or URL (or give `issuerBaseURL`). */
  domain?: string;
  dpop?: ApiClientDpopOptions;
  /**
   * The origin clients call (`https://api.example.com`), for the DPoP proofs' `htu`. Default: read
   * from the request (`req.protocol` and `Host`), as `express-oauth2-jwt-bearer` does; set it when
   * the API is reachable under several names, so a proof made for one is not accepted by another.
   */
  baseUrl?: string;
  /** Verify with this client instead of creating one from the options. */
  client?: ApiClient;
}

/** The middleware {@link auth} returns, with the {@link ApiClient} it verifies with. */
export type AuthMiddleware = Middleware & { client: ApiClient };

// RFC 7230 §5.4 Host: a reg-name or IP literal, an optional port; nothing that changes the URL.
const HOST = /^(?:[A-Za-z0-9._~-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
// The settings each verified request was verified with, for requiredScopes' challenge.
const VERIFIED_BY = new WeakMap<object, VerifierConfig>();

function origin(baseUrl: string | undefined): string | undefined {
  if (baseUrl === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InvalidArgumentError('baseUrl', 'auth: the baseUrl option must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError('baseUrl', 'auth: the baseUrl option must be an absolute http(s) URL');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The absolute URL the client called: the fixed base, or the request's protocol and Host. */
function requestUrl(req: AuthRequest, base: string | undefined): string {
  const path = req.originalUrl ?? req.url ?? '/';
  // Concatenated, not resolved: a target like `//evil.example/x` must not change the origin.
  const target = path.startsWith('/') ? path : '/';
  if (base) return `${base}${target}`;
  const headers = req.headers as Record<string, unknown>;
  const host = typeof req.get === 'function' ? req.get('host') : headers.host;
  if (typeof host !== 'string' || !HOST.test(host)) throw new InvalidRequestError('the request Host header is not a host');
  const protocol = req.protocol ?? (req.socket?.encrypted ? 'https' : 'http');
  return `${protocol}://${host}${target}`;
}

/** One request through {@link auth}: `req.auth` and `next()`, or `next(error)`. Never rejects. */
async function authenticate(config: VerifierConfig, base: string | undefined, req: AuthRequest, res: AuthResponse, next: NextFunction): Promise<void> {
  let url: string;
  try {
    url = requestUrl(req, base);
  } catch (error) {
    next(error instanceof InvalidRequestError ? withChallenge(config, error, false) : error);
    return;
  }
  let verified: VerifiedRequest;
  try {
    verified = await verifyRequest(config, { headers: req.headers, method: req.method ?? 'GET', url });
  } catch (error) {
    next(error);
    return;
  }
  req.auth = verified;
  VERIFIED_BY.set(verified, config);
  const nonce = config.dpop.nonces?.issue();
  if (nonce) res.setHeader('DPoP-Nonce', nonce);
  next();
}

/**
 * Express middleware that verifies the request's access token — Bearer, or DPoP with its proof —
 * and sets `req.auth` (`{payload, header, token, token_type}`), as `express-oauth2-jwt-bearer`'s
 * `auth()` does. On failure it calls `next(error)` with a {@link VerifyAccessTokenError} that
 * carries `status` and `headers` (`WWW-Authenticate`, `DPoP-Nonce`, `Retry-After`), which
 * Express's error handler sends as they are; a JWKS outage is a `NetworkError` (503). With server
 * nonces on, a success also sets the `DPoP-Nonce` response header.
 * @throws {TypeError} a missing or wrong option, naming it.
 */
export function auth(options: AuthOptions): AuthMiddleware {
  if (!options || typeof options !== 'object') throw new InvalidArgumentError('options', 'auth: pass an options object with audience and issuerBaseURL');
  const { issuerBaseURL, domain, baseUrl, client: given, ...rest } = options;
  if (issuerBaseURL !== undefined && domain !== undefined) {
    throw new InvalidArgumentError('issuerBaseURL', 'auth: give issuerBaseURL or domain, not both');
  }
  const client = given ?? new ApiClient({ ...rest, domain: (issuerBaseURL ?? domain)! });
  if (!(client instanceof ApiClient)) throw new InvalidArgumentError('client', 'auth: the client option must be an ApiClient');
  const base = origin(baseUrl);
  const config = verifierOf(client);
  const middleware: Middleware = (req, res, next) => {
    void authenticate(config, base, req, res, next);
  };
  return Object.assign(middleware, { client });
}

/**
 * Express middleware for a route that needs scopes: after {@link auth}, refuses a token that
 * lacks one of them with `insufficient_scope` (403, the scopes in the challenge), as
 * `express-oauth2-jwt-bearer`'s `requiredScopes` does. Scopes as a space-separated string or a list.
 * @throws {TypeError} no scope given.
 */
export function requiredScopes(scopes: string | readonly string[]): Middleware {
  const wanted = typeof scopes === 'string' ? scopes.split(' ').filter(Boolean) : [...(scopes ?? [])];
  if (!wanted.length || wanted.some((scope) => typeof scope !== 'string' || !scope)) {
    throw new InvalidArgumentError('scopes', 'requiredScopes: give one or more scopes');
  }
  return (req, _res, next) => {
    const verified = req.auth;
    const config = verified && VERIFIED_BY.get(verified);
    if (!verified || !config) {
      next(new TypeError('requiredScopes: use it after auth(), which sets req.auth'));
      return;
    }
    try {
      checkScopes(verified.payload, wanted);
      next();
    } catch (error) {
      next(error instanceof InsufficientScopeError ? withChallenge(config, error, verified.token_type === 'DPoP') : error);
    }
  };
}
