// The session engine's orchestration: the SPA SDK's methods, each one a short sequence of the
// single-concept modules next to this file.
import { buildAuthorizeRequest, type AuthorizeRequest } from './authorize-url.js';
import { CacheManager } from './cache/cache-manager.js';
import type { CacheKeyParts, ICache } from './cache/cache-entry.js';
import { InMemoryCache } from './cache/in-memory-cache.js';
import { LocalStorageCache } from './cache/local-storage-cache.js';
import { AuthenticationError, GenericError, PopupOpenError } from './errors.js';
import { verifyIdToken, type IdToken, type User } from './id-token.js';
import { buildLogoutUrl } from './logout-url.js';
import { resolveOptions, type Auth0ClientOptions, type AuthorizationParams, type ResolvedOptions } from './options.js';
import { openPopup, runPopup, type PopupConfigOptions } from './popup.js';
import { baseScope, DEFAULT_AUDIENCE, scopeFor, type BaseScopes } from './scope.js';
import { getCookie, organizationHint, sessionHint, setCookie } from './cookies.js';
import { runSilentIframe } from './silent-iframe.js';
import { SessionStore, type SessionListener, type SessionState } from './state.js';
import { requestToken, type TokenRequest, type TokenResponse } from './token-endpoint.js';
import { Dpop } from './dpop/dpop.js';
import type { DpopProofParams } from './dpop/proof.js';
import { sendWithDpop, type TokenSender } from './dpop/token-request.js';
import { createFetcher, type CustomFetchMinimalOutput, type Fetcher, type FetcherConfig } from './fetcher.js';
import { tokenExchangeGrant, type CustomTokenExchangeOptions, type TokenEndpointResponse } from './token-exchange.js';
import { tokenLockName, withLock } from './lock.js';
import { CacheVault } from './refresh/cache-vault.js';
import { refreshTokens } from './refresh/refresh-grant.js';
import type { FoundRefreshToken, RefreshTokenVault } from './refresh/vault.js';
import { WorkerVault } from './refresh/worker-client.js';
import { SessionSync, type SessionEvent } from './session-sync.js';
import { TransactionStore, type ConnectTransaction } from './transaction-store.js';
import { finishConnect, startConnect, type ConnectAccountRedirectResult, type ConnectApi, type RedirectConnectAccountOptions } from './connect/connect-account.js';
import { CONNECT_SCOPE, MY_ACCOUNT_NONCE_ID, myAccountAudience, myAccountPost, timedFetch, type ApiAnswer } from './connect/my-account-api.js';
import type {
  GetTokenSilentlyOptions,
  GetTokenSilentlyVerboseResponse,
  GetTokenWithPopupOptions,
  LogoutOptions,
  PopupLoginOptions,
  RedirectLoginOptions,
  RedirectLoginResult,
  RevokeRefreshTokenOptions,
} from './types.js';

/** Authorization parameters after merging: scope resolved, the rest as given. */
type ResolvedParams = AuthorizationParams & { scope: string };

/** Errors of `checkSession` that only mean "no session": the user is anonymous, not broken. */
const NO_SESSION_ERRORS = ['login_required', 'consent_required', 'interaction_required', 'account_selection_required', 'access_denied', 'missing_refresh_token'];

/**
 * An Auth0 session in the browser, with the API of `@auth0/auth0-spa-js` 2.28's `Auth0Client`,
 * plus `subscribe()` for UI state. Tokens are obtained with the authorization-code flow and PKCE
 * (RFC 6749 §4.1, RFC 7636), ID tokens verified (signature and claims) before anything is cached.
 */
export class Auth0Client {
  readonly #options: ResolvedOptions;
  readonly #scope: BaseScopes;
  readonly #tenantOrigin: string;
  readonly #cacheManager: CacheManager;
  readonly #transactions: TransactionStore;
  /** The names of the session and organization hint cookies. */
  readonly #cookie: string;
  readonly #orgHint: string;
  readonly #session = new SessionStore();
  readonly #inFlight = new Map<string, Promise<GetTokenSilentlyVerboseResponse>>();
  readonly #dpop?: Dpop;
  /** Where refresh tokens live: a Web Worker in memory mode, else the cache entries. */
  readonly #vault: RefreshTokenVault;
  readonly #sync: SessionSync;
  /** Counts local session ends: a refresh that started before one must not store its answer. */
  #generation = 0;
  /** Whether this engine restores sessions (`checkSession` ran): only then does it join logins elsewhere. */
  #restores = false;

  /** @throws TypeError naming the option when an option is missing or malformed. */
  constructor(options: Auth0ClientOptions) {
    this.#options = resolveOptions(options);
    const { clientId, cache, cacheLocation } = this.#options;
    if (cache && cacheLocation) {
      console.warn('Auth0Client: `cache` is used and `cacheLocation` ignored.');
    }
    const store: ICache = cache ?? (cacheLocation === 'localstorage' ? new LocalStorageCache() : new InMemoryCache());
    this.#scope = baseScope(this.#options.authorizationParams.scope, this.#options.useRefreshTokens);
    this.#tenantOrigin = new URL(this.#options.domainUrl).origin;
    this.#cacheManager = new CacheManager(store, clientId, this.#options.nowProvider);
    this.#transactions = new TransactionStore(clientId);
    this.#cookie = sessionHint(clientId);
    this.#orgHint = organizationHint(clientId);
    if (this.#options.useDpop) this.#dpop = new Dpop(clientId, this.#options.httpTimeoutInSeconds * 1000);
    const inMemory = !cache && cacheLocation !== 'localstorage';
    this.#vault =
      this.#options.useRefreshTokens && inMemory && typeof Worker === 'function'
        ? new WorkerVault(this.#options.domainUrl, this.#options.workerUrl)
        : new CacheVault(this.#cacheManager, store, clientId);
    this.#sync = new SessionSync((event) => void this.#onSessionEvent(event));
  }

  /** The current session snapshot (frozen). */
  get state(): SessionState {
    return this.#session.state;
  }

  /**
   * Calls `listener` at once with the current snapshot, then with a new frozen
   * `{status, user, error}` on every change. Returns the function that unsubscribes.
   */
  subscribe(listener: SessionListener): () => void {
    return this.#session.subscribe(listener);
  }

  /**
   * Redirects to the tenant's `/authorize` (RFC 6749 §4.1.1 with PKCE S256). The transaction
   * (state, nonce, verifier, `appState`, …) waits in sessionStorage for `handleRedirectCallback`.
   */
  async loginWithRedirect<TAppState = any>(options: RedirectLoginOptions<TAppState> = {}): Promise<void> {
    const { openUrl, fragment, appState } = options;
    const params = this.#params(options.authorizationParams);
    const request = await this.#authorizeRequest(params);
    const { url, ...secrets } = request;
    this.#transactions.create({ ...secrets, appState, organization: params.organization, max_age: maxAge(params), response_type: 'code' });
    const target = fragment ? `${url}#${fragment}` : url;
    if (openUrl) await openUrl(target);
    else window.location.assign(target);
  }

  /**
   * Finishes a redirect login: checks `state` against the stored transaction (used once, then
   * gone), exchanges the code, verifies the ID token and caches the tokens. A connect redirect
   * (`connect_code`, from `connectAccountWithRedirect`) is finished at the My Account API instead
   * and resolves to the connected account with `response_type: 'connect_code'`; its failures leave
   * the session's state alone (the user is still logged in).
   * @throws GenericError `missing_callback_params` (no `code`/`connect_code`/`error` in the URL),
   *   `missing_transaction` (none stored, e.g. a replayed URL), `state_mismatch`;
   *   AuthenticationError for an `error` answer, with `state` and `appState`; for a connect
   *   redirect ConnectError (with `connection`) and MyAccountApiError.
   */
  async handleRedirectCallback<TAppState = any>(
    url: string = window.location.href,
  ): Promise<RedirectLoginResult<TAppState> | ConnectAccountRedirectResult<TAppState>> {
    let query: URLSearchParams;
    let connect: ConnectTransaction;
    try {
      query = new URL(url, window.location.href).searchParams;
      const [code, state, error] = ['code', 'state', 'error'].map((name) => query.get(name) ?? undefined);
      if (!code && !error && !query.has('connect_code')) throw new GenericError('missing_callback_params', 'There are no query params available for parsing.');
      const transaction = this.#transactions.take();
      if (!transaction) throw new GenericError('missing_transaction', 'Invalid state');
      if (transaction.response_type === 'connect_code') {
        connect = transaction;
      } else {
        if (!transaction.code_verifier || transaction.state !== state) throw new GenericError('state_mismatch', 'Invalid state');
        if (error) throw new AuthenticationError(error, query.get('error_description') || error, state!, transaction.appState);
        if (!code) throw new GenericError('missing_callback_params', 'The login answer has no code.');
        await this.#exchangeCode(code, transaction, transaction.organization, transaction.max_age);
        return { appState: transaction.appState, response_type: 'code' };
      }
    } catch (e) {
      this.#session.set('error', undefined, e as Error);
      throw e;
    }
    try {
      return await finishConnect<TAppState>(this.#myAccountApi(true), query!, connect!);
    } finally {
      // A fresh page load: settle the state as on any load (getting the token usually did).
      if (this.#session.state.status === 'loading') await this.checkSession().catch(() => undefined);
    }
  }

  /**
   * Links the user's account at another provider (a connection such as `google-oauth2`) for Token
   * Vault: asks the My Account API for a connect ticket — with a token for `<domain>/me/` and the
   * `create:me:connected_accounts` scope, through the refresh-token grant (MRRT with `useMrrt`),
   * DPoP-bound with `useDpop` — keeps the transaction (state, PKCE verifier, `auth_session`) and
   * sends the browser to the provider's consent page (`connect_uri?ticket=…`).
   * `handleRedirectCallback` finishes it on the way back. As for any audience, the client's
   * default scope is merged in: keep an API's scopes on the login call or in an `{audience: scope}`
   * map, or the tenant leaves them out of the My Account token (`missing_scopes`).
   * @throws TypeError without `connection`; MyAccountApiError with the API's problem details
   *   (e.g. `connection_not_found`); the token errors of `getTokenSilently`.
   */
  async connectAccountWithRedirect<TAppState = any>(options: RedirectConnectAccountOptions<TAppState>): Promise<void> {
    const redirectUri = this.#options.authorizationParams.redirect_uri ?? window.location.origin;
    const { url, transaction } = await startConnect(this.#myAccountApi(false), options, redirectUri);
    this.#transactions.create(transaction);
    if (options.openUrl) await options.openUrl(url);
    else window.location.assign(url);
  }

  /** The My Account API's calls on a fetcher with its token (`Authorization: DPoP` and a proof with `useDpop`). */
  #myAccountApi(afterRedirect: boolean): ConnectApi {
    const { domainUrl } = this.#options;
    const authorizationParams = { audience: myAccountAudience(domainUrl), scope: CONNECT_SCOPE };
    const fetcher = this.createFetcher<ApiAnswer>({
      dpopNonceId: MY_ACCOUNT_NONCE_ID,
      detailedResponse: true,
      fetch: timedFetch(this.#options.httpTimeoutInSeconds * 1000),
      getAccessToken: async () => {
        try {
          return await this.getTokenSilently({ authorizationParams, detailedResponse: true });
        } catch (e) {
          // Back from the consent page in memory mode, the refresh token died with the previous
          // page's worker: the tenant session gives the token instead (silent iframe, bound by
          // dpop_jkt), so that finishing a connect never needs a new login.
          if (!afterRedirect || (e as GenericError).error !== 'missing_refresh_token') throw e;
          return this.#tokenFromIframe(this.#params(authorizationParams));
        }
      },
    });
    return {
      connect: (body) => myAccountPost(fetcher, domainUrl, 'connect', body),
      complete: (body) => myAccountPost(fetcher, domainUrl, 'complete', body),
    };
  }

  /**
   * Restores the session on page load: when the `auth0.<clientId>.is.authenticated` cookie says
   * there may be one, gets a token silently; "no session" answers leave the user anonymous.
   */
  async checkSession(options?: GetTokenSilentlyOptions): Promise<void> {
    this.#restores = true;
    // useDpop without a working IndexedDB fails here, at start, with `dpop_unavailable`.
    await this.#dpop?.ready().catch((e) => {
      this.#session.set('error', undefined, e);
      throw e;
    });
    if (getCookie(this.#cookie) !== undefined) {
      try {
        await this.getTokenSilently(options);
        return;
      } catch (e) {
        if (!NO_SESSION_ERRORS.includes((e as GenericError).error)) {
          this.#session.set('error', undefined, e as Error);
          throw e;
        }
      }
    }
    const user = await this.getUser();
    this.#session.set(user ? 'authenticated' : 'anonymous', user);
  }

  /**
   * An access token for the default (or given) audience and scope: from the cache while it has
   * more than 60 s left, else from the tenant — with `useRefreshTokens` by the refresh-token grant
   * (RFC 6749 §6; MRRT with `useMrrt`), otherwise through a hidden iframe (`prompt=none`).
   * Concurrent calls, in this tab and in the origin's other tabs, share one request (a Web Lock;
   * the cache is read again once it is held). `cacheMode: 'cache-only'` resolves `undefined`
   * instead of going to the network; `timeoutInSeconds` also bounds the wait for the lock.
   * @throws GenericError `login_required` without a tenant session or when the refresh token is
   *   dead (`invalid_grant`: the local session ends); MissingRefreshTokenError; MissingScopesError;
   *   TimeoutError.
   */
  async getTokenSilently(options: GetTokenSilentlyOptions & { detailedResponse: true }): Promise<GetTokenSilentlyVerboseResponse>;
  async getTokenSilently(options?: GetTokenSilentlyOptions): Promise<string>;
  async getTokenSilently(options: GetTokenSilentlyOptions = {}): Promise<any> {
    const params = this.#params(options.authorizationParams);
    const keyParts = { clientId: this.#options.clientId, audience: params.audience || DEFAULT_AUDIENCE, scope: params.scope };
    const cacheMode = options.cacheMode ?? 'on';
    let result = cacheMode === 'off' ? undefined : await this.#fromCache(keyParts);
    if (!result && cacheMode !== 'cache-only') {
      // One flight per audience, scope and cache mode here; the lock makes it one across tabs.
      const flightKey = `${keyParts.audience}::${keyParts.scope}::${cacheMode}`;
      let flight = this.#inFlight.get(flightKey);
      if (!flight) {
        flight = this.#lockedToken(params, keyParts, cacheMode === 'off', options.timeoutInSeconds).finally(() => this.#inFlight.delete(flightKey));
        this.#inFlight.set(flightKey, flight);
      }
      result = await flight;
    }
    return options.detailedResponse ? result : result?.access_token;
  }

  /**
   * Logs in through a popup window (`response_mode=web_message`). The window is opened
   * synchronously, before anything is awaited: call this directly in a click handler, or pass a
   * window you opened yourself as `config.popup`.
   * @throws PopupOpenError when the browser blocks the popup; PopupCancelledError when the user
   *   closes it; PopupTimeoutError after `config.timeoutInSeconds`.
   */
  async loginWithPopup(options: PopupLoginOptions = {}, config: PopupConfigOptions = {}): Promise<void> {
    await this.#popupLogin(options, config);
  }

  /** Logs in through a popup and returns the access token for the requested audience and scope. */
  async getTokenWithPopup(options: GetTokenWithPopupOptions = {}, config: PopupConfigOptions = {}): Promise<string | undefined> {
    return (await this.#popupLogin(options, config)).access_token;
  }

  /** The popup login; the window opens before the first `await`, inside the caller's gesture. */
  async #popupLogin({ authorizationParams }: PopupLoginOptions, config: PopupConfigOptions): Promise<GetTokenSilentlyVerboseResponse> {
    if (config.popup === null) throw new PopupOpenError(); // the caller's own window.open was blocked
    const popup = config.popup ?? openPopup();
    const params = this.#params(authorizationParams);
    const request = await this.#authorizeRequest(params, 'web_message');
    const timeout = config.timeoutInSeconds ?? this.#options.authorizeTimeoutInSeconds;
    const code = await runPopup(popup, request.url, this.#tenantOrigin, request.state, timeout);
    return this.#exchangeCode(code, request, params.organization, maxAge(params));
  }

  /** The user's profile from the ID token, or `undefined` when logged out. */
  async getUser<TUser extends User = User>(): Promise<TUser | undefined> {
    return (await this.#cacheManager.getIdToken(this.#options.clientId))?.decodedToken.user as TUser | undefined;
  }

  /** Every claim of the ID token, with the raw token as `__raw`. */
  async getIdTokenClaims(): Promise<IdToken | undefined> {
    return (await this.#cacheManager.getIdToken(this.#options.clientId))?.decodedToken.claims;
  }

  /** Whether an ID token is cached for this client. */
  async isAuthenticated(): Promise<boolean> {
    return !!(await this.getUser());
  }

  /**
   * Ends the local session (cache, hint cookie, pending transaction), then — unless
   * `openUrl: false` — goes to the tenant's `/v2/logout` to end its session too.
   */
  async logout(options: LogoutOptions = {}): Promise<void> {
    const { openUrl, logoutParams } = options;
    const clientId = options.clientId === null ? null : (options.clientId ?? this.#options.clientId);
    await this.#endLocalSession('logout', clientId);
    setCookie(this.#orgHint, undefined, this.#options);
    this.#transactions.remove();
    // The key the tokens were bound to goes with them; without IndexedDB there is nothing to delete.
    await this.#dpop?.clear().catch(() => undefined);
    const url = buildLogoutUrl(this.#options.domainUrl, clientId, logoutParams);
    if (openUrl) await openUrl(url);
    else if (openUrl !== false) window.location.assign(url);
  }

  /**
   * Revokes the refresh tokens kept for `audience` (default: the client's) at `/oauth/revoke`
   * (RFC 7009 §2.1), then removes them from the cache — or the worker, in memory mode. Access
   * tokens stay until they expire. Nothing kept: nothing sent.
   * @throws GenericError with the tenant's `error` (the tokens are kept then); TimeoutError.
   */
  async revokeRefreshToken(options: RevokeRefreshTokenOptions = {}): Promise<void> {
    const { domainUrl, clientId, httpTimeoutInSeconds, authorizeTimeoutInSeconds } = this.#options;
    const audience = options.audience || this.#options.authorizationParams.audience || DEFAULT_AUDIENCE;
    const request = { ...this.#options, url: `${domainUrl}/oauth/revoke`, timeoutMs: httpTimeoutInSeconds * 1000 };
    // Under the token lock: no refresh may rotate a token while it is being revoked.
    await withLock(tokenLockName(clientId), authorizeTimeoutInSeconds * 1000, async () => {
      await this.#vault.catchUp();
      await this.#vault.revoke(audience, request);
    });
  }

  /**
   * Custom token exchange (RFC 8693 §2.1) that logs the user in: `subject_token` is traded at
   * `/oauth/token` for this tenant's tokens, the ID token verified (with `organization`, its org
   * claims too) and the tokens cached as a login would; the state becomes `authenticated`.
   * `audience` defaults to the client's; `scope` merges with the default scope; with `useDpop` the
   * request carries a DPoP proof.
   * @throws TypeError without `subject_token` or `subject_token_type`; GenericError with the
   *   tenant's `error` and `error_description` (`invalid_token`, `invalid_grant`, `invalid_request`,
   *   `access_denied`, …) or an `id_token_*` code. Nothing is cached then.
   */
  loginWithCustomTokenExchange(options: CustomTokenExchangeOptions): Promise<TokenEndpointResponse> {
    return this.#exchange(options, true);
  }

  /** The older name of `loginWithCustomTokenExchange` (deprecated in the SPA SDK, kept for its users). */
  exchangeToken(options: CustomTokenExchangeOptions): Promise<TokenEndpointResponse> {
    return this.#exchange(options, true);
  }

  /**
   * Custom token exchange without a session: returns the tokens (ID token verified) and changes
   * nothing — no cache, cookie or state — e.g. to act on someone's behalf beside the current user.
   * @throws as `loginWithCustomTokenExchange`.
   */
  customTokenExchange(options: CustomTokenExchangeOptions): Promise<TokenEndpointResponse> {
    return this.#exchange(options, false);
  }

  async #exchange(options: CustomTokenExchangeOptions, login: boolean): Promise<TokenEndpointResponse> {
    const call: AuthorizationParams = {};
    for (const key of ['audience', 'scope', 'organization'] as const) if (options?.[key] !== undefined) call[key] = options[key];
    const { audience, scope, organization } = this.#params(call);
    const grant = tokenExchangeGrant(options, { audience, scope, organization });
    return this.#tokens(grant, { scope, audience: audience || DEFAULT_AUDIENCE }, organization, undefined, login);
  }

  /**
   * The last DPoP nonce of the tenant, or with `id` of an API (a fetcher's `dpopNonceId`).
   * @see RFC 9449 §8, §9
   * @throws TypeError without `useDpop`.
   */
  async getDpopNonce(id?: string): Promise<string | undefined> {
    return this.#dpopOrFail().nonces.get(id);
  }

  /** Keeps `nonce` as the tenant's DPoP nonce, or with `id` as an API's. @throws TypeError without `useDpop`. */
  async setDpopNonce(nonce: string, id?: string): Promise<void> {
    return this.#dpopOrFail().nonces.set(nonce, id);
  }

  /**
   * A DPoP proof (RFC 9449 §4.2) signed with this client's key, for a request of your own: `htm`
   * and `htu` from `method` and `url`, `ath` from `accessToken`, and `nonce` when given
   * (`getDpopNonce(id)`). Send it as the `DPoP` header with `Authorization: DPoP <token>`.
   * @throws TypeError without `useDpop`; GenericError `dpop_unavailable` without IndexedDB.
   */
  async generateDpopProof(params: DpopProofParams & { accessToken: string }): Promise<string> {
    return this.#dpopOrFail().proof(params);
  }

  /**
   * A fetcher whose `fetchWithAuth(input, init, {audience, scope})` sends requests with the access
   * token (`getTokenSilently`): `Authorization: DPoP` plus a fresh proof for DPoP-bound tokens,
   * `Bearer` otherwise; the API's nonces kept under `dpopNonceId`, one retry on a nonce challenge.
   * @throws TypeError naming a malformed config field.
   */
  createFetcher<TOutput extends CustomFetchMinimalOutput = Response>(config: FetcherConfig<TOutput> = {}): Fetcher<TOutput> {
    return createFetcher(config, this, !!this.#dpop, ({ audience, scope } = {}) => {
      const authorizationParams: AuthorizationParams = {};
      if (audience) authorizationParams.audience = audience;
      if (scope) authorizationParams.scope = Array.isArray(scope) ? scope.join(' ') : scope;
      return this.getTokenSilently({ authorizationParams, detailedResponse: true });
    });
  }

  #dpopOrFail(): Dpop {
    if (!this.#dpop) throw new TypeError('Auth0Client: option `useDpop` must be true to use DPoP');
    return this.#dpop;
  }

  /** Client defaults merged with per-call parameters; per-call scopes merge with the default scope. */
  #params(callParams: AuthorizationParams = {}): ResolvedParams {
    const merged = { ...this.#options.authorizationParams, ...callParams };
    return { ...merged, scope: scopeFor(this.#scope, callParams.scope, merged.audience) };
  }

  /**
   * An authorize request: for a redirect (`query`), or a popup or iframe (`web_message`, whose
   * redirect_uri defaults to this page's origin). With `useDpop` the code is bound to this
   * client's key: `dpop_jkt` (RFC 9449 §10).
   */
  async #authorizeRequest(params: ResolvedParams, response_mode?: 'web_message'): Promise<AuthorizeRequest> {
    const redirect_uri = params.redirect_uri ?? (response_mode && window.location.origin);
    const dpop_jkt = await this.#dpop?.thumbprint();
    return buildAuthorizeRequest(this.#options.domainUrl, this.#options.clientId, { ...params, dpop_jkt, redirect_uri }, response_mode);
  }

  /**
   * POSTs a grant to `/oauth/token`. With `useDpop` a DPoP proof made here goes along, the
   * tenant's nonce is kept and `use_dpop_nonce` retried once (RFC 9449 §5, §8). `send` lets
   * another sender (the refresh-token worker) make the request: it must send `request.headers`
   * and call `request.onDpopNonce` with every `DPoP-Nonce` it receives.
   */
  #requestToken(grant: TokenRequest['grant'], send: TokenSender = requestToken): Promise<TokenResponse> {
    const request = { ...this.#options, timeoutMs: this.#options.httpTimeoutInSeconds * 1000, grant };
    return this.#dpop ? sendWithDpop(this.#dpop, request, send) : send(request);
  }

  /** A live cached token, in the shape of a detailed response; needs the ID token too. */
  async #fromCache(keyParts: { clientId: string; audience: string; scope: string }) {
    const entry = await this.#cacheManager.get(keyParts);
    if (!entry?.access_token) return undefined;
    const idToken = await this.#cacheManager.getIdToken(keyParts.clientId);
    if (!idToken) return undefined;
    this.#session.set('authenticated', idToken.decodedToken.user);
    return response(entry.access_token, idToken.id_token, entry.expires_in!, entry.token_type, entry.oauthTokenScope);
  }

  /**
   * Gets a token from the tenant holding the client's Web Lock, so that one request serves every
   * caller waiting in any tab: once the lock is held the cache is read again — with
   * `cacheMode: 'off'`, a token that arrived while this call waited counts as fresh.
   */
  async #lockedToken(params: ResolvedParams, keyParts: CacheKeyParts, bypassCache: boolean, timeoutInSeconds?: number): Promise<GetTokenSilentlyVerboseResponse> {
    const seen = bypassCache ? (await this.#cacheManager.get(keyParts))?.access_token : undefined;
    const waitMs = (timeoutInSeconds ?? this.#options.authorizeTimeoutInSeconds) * 1000;
    return withLock(tokenLockName(this.#options.clientId), waitMs, async () => {
      await this.#vault.catchUp();
      const cached = await this.#fromCache(keyParts);
      if (cached && (!bypassCache || cached.access_token !== seen)) return cached;
      try {
        return await this.#obtainToken(params, timeoutInSeconds);
      } finally {
        await this.#vault.settle();
      }
    });
  }

  /**
   * The one path that gets a new token from the tenant: the refresh-token grant with
   * `useRefreshTokens` (the iframe only as `useRefreshTokensFallback`), else the silent iframe.
   * A dead refresh token ends the local session unless the fallback brings a new one.
   */
  async #obtainToken(params: ResolvedParams, timeoutInSeconds?: number): Promise<GetTokenSilentlyVerboseResponse> {
    if (!this.#options.useRefreshTokens) return this.#tokenFromIframe(params, timeoutInSeconds);
    try {
      return await this.#tokenFromRefreshToken(params);
    } catch (e) {
      const code = (e as GenericError).error;
      const dead = code === 'login_required';
      let error = e;
      if (this.#options.useRefreshTokensFallback && (dead || code === 'missing_refresh_token' || code === 'missing_scopes')) {
        try {
          return await this.#tokenFromIframe(params, timeoutInSeconds);
        } catch (iframeError) {
          error = iframeError;
        }
      }
      if (dead) await this.#endLocalSession();
      throw error;
    }
  }

  /** The refresh-token grant for `params`' audience and scope, answered into the cache. */
  #tokenFromRefreshToken(params: ResolvedParams): Promise<GetTokenSilentlyVerboseResponse> {
    const wanted = { audience: params.audience || DEFAULT_AUDIENCE, scope: params.scope, redirect_uri: params.redirect_uri ?? window.location.origin };
    return refreshTokens(
      {
        vault: this.#vault,
        useMrrt: !!this.#options.useMrrt,
        grant: (grant, from, accept) => this.#tokens(grant, wanted, params.organization, maxAge(params), true, { from, accept }),
      },
      wanted,
    );
  }

  /**
   * Drops the tokens of `clientId` (default: this client's; `null`, from `logout({clientId:
   * null})`: every client's) from the cache and the worker; a refresh still under way will not
   * store its answer.
   */
  async #forgetTokens(clientId: string | null = this.#options.clientId): Promise<void> {
    this.#generation += 1;
    await this.#cacheManager.clear(clientId ?? undefined);
    await this.#vault.clear().catch(() => undefined);
  }

  /**
   * Ends the local session — at logout, or here when the refresh token died: the tokens of
   * `clientId` (`null`: of every client) and the hint cookie go, the state becomes anonymous, and
   * the other tabs hear it (`logout`, or `sync`: re-read the cache).
   */
  async #endLocalSession(type: 'logout' | 'sync' = 'sync', clientId: string | null = this.#options.clientId): Promise<void> {
    await this.#forgetTokens(clientId);
    setCookie(this.#cookie, undefined, this.#options);
    this.#session.set('anonymous');
    this.#sync.post({ type, clientId });
  }

  /**
   * Another tab's news: a logout ends this engine's session too; a login, refresh or cache change
   * is read back from the cache — and a login this cache does not show (memory mode, or another
   * user: whose tokens go) is joined, by an engine that restores sessions, with this tab's own
   * silent authentication, as on page load.
   */
  async #onSessionEvent({ type, clientId, sub }: SessionEvent): Promise<void> {
    if (clientId !== null && clientId !== this.#options.clientId) return;
    if (type === 'logout') {
      await this.#forgetTokens();
      this.#session.set('anonymous');
      return;
    }
    let user = await this.getUser();
    if (type === 'login' && user?.sub !== sub) {
      if (user) await this.#forgetTokens();
      if (this.#restores) await this.getTokenSilently().catch(() => undefined);
      user = await this.getUser();
    }
    this.#session.set(user ? 'authenticated' : 'anonymous', user);
  }

  async #tokenFromIframe(params: ResolvedParams, timeoutInSeconds?: number): Promise<GetTokenSilentlyVerboseResponse> {
    if (window.crossOriginIsolated) {
      throw new GenericError('login_required', 'A cross-origin isolated page cannot use the silent iframe.');
    }
    // Without an organization of its own, silent authentication asks for the last login's one.
    const organization = params.organization ?? (getCookie(this.#orgHint) || undefined);
    const request = await this.#authorizeRequest({ ...params, organization, prompt: 'none' }, 'web_message');
    const timeout = timeoutInSeconds ?? this.#options.authorizeTimeoutInSeconds;
    const code = await runSilentIframe(request.url, this.#tenantOrigin, request.state, timeout);
    return this.#exchangeCode(code, { ...request, silent: true }, organization, maxAge(params));
  }

  /** Code → tokens (RFC 6749 §4.1.3). */
  #exchangeCode(
    code: string,
    request: Pick<AuthorizeRequest, 'code_verifier' | 'redirect_uri' | 'nonce' | 'scope' | 'audience'> & { silent?: boolean },
    organization?: string,
    max_age?: number,
  ): Promise<GetTokenSilentlyVerboseResponse> {
    const grant = { grant_type: 'authorization_code', code, code_verifier: request.code_verifier, redirect_uri: request.redirect_uri };
    return this.#tokens(grant, request, organization, max_age);
  }

  /**
   * A grant → tokens, then the ID token is verified; only then is anything written (unless
   * `store` is false: custom token exchange without a session), so a failure leaves the cache,
   * cookies and state as they were.
   */
  async #tokens(
    grant: TokenRequest['grant'],
    request: { nonce?: string; scope: string; audience: string; silent?: boolean },
    organization?: string,
    max_age?: number,
    store = true,
    refresh?: { from: FoundRefreshToken; accept: (tokens: TokenResponse) => void },
  ): Promise<GetTokenSilentlyVerboseResponse> {
    const { clientId } = this.#options;
    const generation = this.#generation;
    // A session's grants go through the vault: it keeps any refresh token (in memory mode, in the
    // worker, which strips it from the answer) and rotates the one `refresh.from` used.
    const transport = store ? this.#vault.transport(request, refresh?.from) : undefined;
    const tokens = await this.#requestToken(grant, transport && ((sent) => requestToken({ ...sent, transport })));
    refresh?.accept(tokens);
    if (!tokens.id_token) throw new GenericError('id_token_invalid', 'The token response has no ID token');
    const now = await this.#options.nowProvider();
    const decoded = await verifyIdToken(tokens.id_token, this.#options, request.nonce, organization, max_age, now).catch(async (e) => {
      // A login whose ID token fails keeps no refresh token (a refreshed one stays: the old is used up).
      if (store && !refresh) await this.#vault.discard(request).catch(() => undefined);
      throw e;
    });
    const result = response(tokens.access_token, tokens.id_token, tokens.expires_in, tokens.token_type, tokens.scope);
    if (!store) return result;
    if (refresh && generation !== this.#generation) throw new GenericError('login_required', 'The session ended while the token was refreshed');
    // Another user logged in: none of the previous user's tokens may survive.
    const previous = await this.#cacheManager.getIdToken(clientId);
    if (previous && previous.decodedToken.claims.sub !== decoded.claims.sub) await this.#cacheManager.clear(clientId);
    await this.#cacheManager.setIdToken(clientId, tokens.id_token, decoded);
    await this.#cacheManager.set({
      client_id: clientId,
      audience: request.audience,
      scope: request.scope,
      access_token: tokens.access_token,
      expires_in: tokens.expires_in,
      token_type: tokens.token_type,
      ...(tokens.scope ? { oauthTokenScope: tokens.scope } : null),
      ...(tokens.refresh_token ? { refresh_token: tokens.refresh_token } : null),
    });
    const cookie = { daysUntilExpire: this.#options.sessionCheckExpiryDays, cookieDomain: this.#options.cookieDomain };
    setCookie(this.#cookie, 'true', cookie);
    setCookie(this.#orgHint, decoded.claims.org_id || undefined, cookie);
    this.#session.set('authenticated', decoded.user);
    // Other tabs join a login (one made by the user), not this tab's silent renewal of a session.
    const silent = refresh || request.silent;
    this.#sync.post(silent ? { type: 'refresh', clientId } : { type: 'login', clientId, sub: decoded.claims.sub });
    return result;
  }
}

function response(access_token: string, id_token: string, expires_in: number, token_type?: string, scope?: string): GetTokenSilentlyVerboseResponse {
  return { access_token, id_token, expires_in, token_type: token_type ?? 'Bearer', ...(scope ? { scope } : null) };
}

function maxAge(params: AuthorizationParams): number | undefined {
  return params.max_age === undefined ? undefined : Number(params.max_age);
}

/**
 * Creates the client and restores any existing session (`checkSession`) before resolving, as the
 * SPA SDK's `createAuth0Client` does.
 */
export async function createAuth0Client(options: Auth0ClientOptions): Promise<Auth0Client> {
  const client = new Auth0Client(options);
  await client.checkSession();
  return client;
}
