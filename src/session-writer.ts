// What follows a grant: the tokens from `/oauth/token`, the ID token verified, and only then the
// session written — another user's tokens cleared, cache, hint cookies and state set, the other
// tabs told — so that a failure leaves the cache, cookies and state as they were.
import type { AuthorizeRequest } from './authorize-url.js';
import { tokenResponse, type ClientContext } from './client-context.js';
import { setCookie } from './cookies.js';
import { sendWithDpop, type TokenSender } from './dpop/token-request.js';
import { GenericError, MfaRequiredError } from './errors.js';
import { verifyIdToken } from './id-token.js';
import { prefetchKeys } from './jwks.js';
import type { FoundRefreshToken } from './refresh/vault.js';
import { requestToken, type TokenRequest, type TokenResponse } from './token-endpoint.js';
import type { GetTokenSilentlyVerboseResponse } from './types.js';

/** The refresh token a refresh grant used, and where its rotated answer goes. */
export interface RefreshUse {
  from: FoundRefreshToken;
  accept: (tokens: TokenResponse) => void;
  /** Sends while the answer is lost (default: the token endpoint's). */
  attempts?: number;
  /** Each send's deadline instead of `httpTimeoutInSeconds` (the call's `timeoutInSeconds`, as the SPA SDK). */
  timeoutMs?: number;
}

/**
 * POSTs a grant to `/oauth/token`. With `useDpop` a DPoP proof made here goes along, the
 * tenant's nonce is kept and `use_dpop_nonce` retried once (RFC 9449 §5, §8). `send` lets
 * another sender (the refresh-token worker) make the request: it must send `request.headers`
 * and call `request.onDpopNonce` with every `DPoP-Nonce` it receives.
 */
function sendGrant(ctx: ClientContext, grant: TokenRequest['grant'], send: TokenSender = requestToken, refresh?: RefreshUse): Promise<TokenResponse> {
  const request = { ...ctx.options, timeoutMs: refresh?.timeoutMs ?? ctx.options.httpTimeoutInSeconds * 1000, attempts: refresh?.attempts, grant };
  return ctx.dpop ? sendWithDpop(ctx.dpop, request, send) : send(request);
}

/** Code → tokens (RFC 6749 §4.1.3). */
export function exchangeCode(
  ctx: ClientContext,
  code: string,
  request: Pick<AuthorizeRequest, 'code_verifier' | 'redirect_uri' | 'nonce' | 'scope' | 'audience'> & { silent?: boolean },
  organization?: string,
  max_age?: number,
): Promise<GetTokenSilentlyVerboseResponse> {
  const grant = { grant_type: 'authorization_code', code, code_verifier: request.code_verifier, redirect_uri: request.redirect_uri };
  return grantTokens(ctx, grant, request, organization, max_age);
}

/**
 * A grant → tokens, then the ID token is verified; only then is anything written (unless
 * `store` is false: custom token exchange without a session), so a failure leaves the cache,
 * cookies and state as they were.
 */
export async function grantTokens(
  ctx: ClientContext,
  grant: TokenRequest['grant'],
  request: { nonce?: string; scope: string; audience: string; silent?: boolean },
  organization?: string,
  max_age?: number,
  store = true,
  refresh?: RefreshUse,
  answered?: (tokens: TokenResponse) => void,
): Promise<GetTokenSilentlyVerboseResponse> {
  const { options, cacheManager, vault } = ctx;
  const { clientId } = options;
  const generation = ctx.generation;
  // A session's grants go through the vault: it keeps any refresh token (in memory mode, in the
  // worker, which strips it from the answer) and rotates the one `refresh.from` used.
  const transport = store ? vault.transport(request, refresh?.from) : undefined;
  // The ID token's keys are fetched while the grant is on its way (a page restored from the cache has none yet).
  prefetchKeys(options.domainUrl, options.httpTimeoutInSeconds * 1000);
  const tokens = await sendGrant(ctx, grant, transport && ((sent) => requestToken({ ...sent, transport })), refresh).catch((e) => {
    // A step-up: `client.mfa` finishes the refused request with its scope and audience (not for a code, as the SDK).
    if (e instanceof MfaRequiredError && grant.grant_type !== 'authorization_code') {
      (ctx.mfa ??= new Map()).set(e.mfa_token, { scope: request.scope, audience: request.audience, mfaRequirements: e.mfa_requirements, createdAt: Date.now() });
    }
    throw e;
  });
  refresh?.accept(tokens);
  answered?.(tokens);
  if (!tokens.id_token) throw new GenericError('id_token_invalid', 'The token response has no ID token');
  const now = await options.nowProvider();
  const decoded = await verifyIdToken(tokens.id_token, options, request.nonce, organization, max_age, now).catch(async (e) => {
    // A login whose ID token fails keeps no refresh token (a refreshed one stays: the old is used up).
    if (store && !refresh) await vault.discard(request).catch(() => undefined);
    throw e;
  });
  const result = tokenResponse(tokens.access_token, tokens.id_token, tokens.expires_in, tokens.token_type, tokens.scope);
  if (!store) return result;
  if (refresh && generation !== ctx.generation) throw new GenericError('login_required', 'The session ended while the token was refreshed');
  // Another user logged in: none of the previous user's tokens may survive.
  const previous = await cacheManager.getIdToken(clientId);
  if (previous && previous.decodedToken.claims.sub !== decoded.claims.sub) await cacheManager.clear(clientId);
  // The tokens first, the ID token (what says "signed in") last: a full storage leaves the previous
  // session, or a new user's tokens without a user — which go — never a user without tokens.
  await cacheManager.set({
    client_id: clientId,
    audience: request.audience,
    scope: request.scope,
    access_token: tokens.access_token,
    expires_in: tokens.expires_in,
    token_type: tokens.token_type,
    ...(tokens.scope ? { oauthTokenScope: tokens.scope } : null),
    ...(tokens.refresh_token ? { refresh_token: tokens.refresh_token } : null),
    // Kept as the SDK keeps its whole answer (a token exchange's RFC 8693 type).
    ...(tokens.issued_token_type ? { issued_token_type: tokens.issued_token_type } : null),
  });
  await cacheManager.setIdToken(clientId, tokens.id_token, decoded).catch(async (e) => {
    if (previous?.decodedToken.claims.sub !== decoded.claims.sub) await cacheManager.clear(clientId).catch(() => undefined);
    throw e;
  });
  const cookie = { ...options, daysUntilExpire: options.sessionCheckExpiryDays };
  setCookie(ctx.cookie, true, cookie);
  setCookie(ctx.orgHint, decoded.claims.org_id || undefined, cookie);
  ctx.session.set('authenticated', decoded.user);
  // Other tabs join a login (one made by the user), not this tab's silent renewal of a session.
  const silent = refresh || request.silent;
  ctx.sync.post(silent ? { type: 'refresh', clientId } : { type: 'login', clientId, sub: decoded.claims.sub });
  return result;
}
