import {
  InvalidArgumentError,
  MissingRequiredArgumentError,
  NetworkError,
  TimeoutError,
  TokenForConnectionError,
} from './errors.js';

/** Arguments of `getAccessTokenForConnection`: exactly one of `accessToken` / `refreshToken`. */
export interface AccessTokenForConnectionOptions {
  /** The connection whose token is wanted, e.g. `google-oauth2`. */
  connection: string;
  /** The user's Auth0 access token (from the request's `Authorization` header). */
  accessToken?: string;
  /** The user's Auth0 refresh token (confidential backends that store one). */
  refreshToken?: string;
  /** A login hint passed to the connection. */
  loginHint?: string;
}

/** A federated connection's access token from Token Vault. */
export interface ConnectionTokenSet {
  /** The access token issued by the connection. */
  accessToken: string;
  /** The scope granted by the connection. */
  scope: string | undefined;
  /** When the access token expires, in seconds since the Unix epoch. */
  expiresAt: number;
  /** The connection the token was requested for. */
  connection: string;
  /** The login hint passed in the exchange, if any. */
  loginHint: string | undefined;
}

/** Where and as whom to ask. */
export interface TokenExchangeConfig {
  tokenEndpoint: URL;
  clientId: string | undefined;
  clientSecret: string | undefined;
  timeoutMs: number;
}

/** Auth0's grant for Token Vault's federated-connection exchange. */
export const FEDERATED_CONNECTION_GRANT =
  'urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token';
/** The `requested_token_type` of that grant. */
export const FEDERATED_CONNECTION_TOKEN_TYPE = 'http://auth0.com/oauth/token-type/federated-connection-access-token';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const REFRESH_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:refresh_token';

function stringArgument(options: Record<string, unknown>, name: string): string | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !value) {
    throw new InvalidArgumentError(name, `getAccessTokenForConnection: ${name} must be a non-empty string`);
  }
  return value;
}

/** Every caller mistake is found here, before any request leaves. */
function formFor(config: TokenExchangeConfig, options: AccessTokenForConnectionOptions): URLSearchParams {
  if (!options || typeof options !== 'object') {
    throw new MissingRequiredArgumentError('options', 'getAccessTokenForConnection: pass {connection, accessToken | refreshToken}');
  }
  const record = options as unknown as Record<string, unknown>;
  const connection = stringArgument(record, 'connection');
  if (!connection) throw new MissingRequiredArgumentError('connection', 'getAccessTokenForConnection: connection is required');
  const accessToken = stringArgument(record, 'accessToken');
  const refreshToken = stringArgument(record, 'refreshToken');
  if (accessToken && refreshToken) {
    throw new InvalidArgumentError(
      'accessToken',
      'getAccessTokenForConnection: give exactly one of accessToken or refreshToken, not both',
    );
  }
  if (!accessToken && !refreshToken) {
    throw new MissingRequiredArgumentError(
      'accessToken',
      'getAccessTokenForConnection: give exactly one of accessToken or refreshToken',
    );
  }
  const loginHint = stringArgument(record, 'loginHint');
  if (!config.clientId) {
    throw new MissingRequiredArgumentError('clientId', 'getAccessTokenForConnection: the ApiClient needs the clientId option');
  }
  if (!config.clientSecret) {
    throw new MissingRequiredArgumentError('clientSecret', 'getAccessTokenForConnection: the ApiClient needs the clientSecret option');
  }
  const form = new URLSearchParams({
    grant_type: FEDERATED_CONNECTION_GRANT,
    client_id: config.clientId,
    client_secret: config.clientSecret,
    subject_token: (accessToken ?? refreshToken)!,
    subject_token_type: accessToken ? ACCESS_TOKEN_TYPE : REFRESH_TOKEN_TYPE,
    requested_token_type: FEDERATED_CONNECTION_TOKEN_TYPE,
    connection,
  });
  if (loginHint) form.set('login_hint', loginHint);
  return form;
}

async function post(config: TokenExchangeConfig, form: URLSearchParams): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(config.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form,
      redirect: 'manual',
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (cause) {
    const name = (cause as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new TimeoutError(`the tenant token endpoint did not answer within ${config.timeoutMs} ms`, { cause });
    }
    throw new NetworkError('the tenant token endpoint could not be reached', { cause });
  }
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    // The body stream is bound to the same signal: a stall mid-body is a timeout too.
    const name = (cause as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new TimeoutError(`the tenant token endpoint did not answer within ${config.timeoutMs} ms`, { cause });
    }
    throw new NetworkError('the tenant token endpoint closed the connection mid-response', { cause });
  }
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: undefined };
  }
}

/**
 * Token Vault's federated-connection exchange: a `client_secret_post` form POST to
 * `/oauth/token` with Auth0's grant, the user's Auth0 token as `subject_token`, and the connection.
 */
export async function getAccessTokenForConnection(
  config: TokenExchangeConfig,
  options: AccessTokenForConnectionOptions,
): Promise<ConnectionTokenSet> {
  const form = formFor(config, options);
  const { status, body } = await post(config, form);
  const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  if (status < 200 || status >= 300) {
    const error = typeof fields.error === 'string' ? fields.error : 'server_error';
    const description =
      typeof fields.error_description === 'string' ? fields.error_description : `the tenant answered HTTP ${status}`;
    throw new TokenForConnectionError(error, description, status);
  }
  const { access_token: accessToken, expires_in: expiresIn, scope } = fields;
  if (typeof accessToken !== 'string' || !accessToken || typeof expiresIn !== 'number' || !Number.isFinite(expiresIn)) {
    throw new TokenForConnectionError('invalid_response', 'the tenant answered without access_token and expires_in', status);
  }
  return {
    accessToken,
    scope: typeof scope === 'string' ? scope : undefined,
    expiresAt: Math.floor(Date.now() / 1000) + expiresIn,
    connection: options.connection,
    loginHint: options.loginHint,
  };
}
