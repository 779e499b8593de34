// The session engine's orchestration: the SPA SDK's methods, each one a short sequence of the
// single-concept modules next to this file.
import { authorizeRequest, createContext, maxAge, mergeParams, type ClientContext } from './client-context.js';
import { AuthenticationError, GenericError, PopupOpenError } from './errors.js';
import type { IdToken, User } from './id-token.js';
import type { Auth0ClientOptions, AuthorizationParams } from './options.js';
import { openPopup, runPopup, type PopupConfigOptions } from './popup.js';
import { DEFAULT_AUDIENCE } from './scope.js';
import { lazyMethods } from './lazy-methods.js';
import { MfaApiClient } from './mfa/mfa-client.js';
import { MyAccountApiClient } from './my-account/my-account-client.js';
import { PasskeyApiClient } from './passkey/passkey-client.js';
import type { AnonymousSessionApiClient } from './anonymous/anonymous-client.js';
import { storedAnonymousSession } from './anonymous/public-client.js';
import type { TokenResponse } from './token-endpoint.js';
import { getCookie, setCookie } from './cookies.js';
import type { SessionListener, SessionState } from './state.js';
import type { LazyDpop } from './dpop/lazy-dpop.js';
import type { DpopProofParams } from './dpop/proof.js';
import type { CustomFetchMinimalOutput, Fetcher, FetcherConfig } from './fetcher.js';
import { checkFetcherConfig } from './fetcher-config.js';
import type { CustomTokenExchangeOptions, TokenEndpointResponse } from './token-exchange.js';
import { tokenLockName, withLock } from './lock.js';
import { endLocalSession, onSessionEvent } from './session-events.js';
import { isStepUp, peekToken, preloadNetworkPath, silentToken, type Flights } from './token-acquisition.js';
import type { ConnectTransaction, TransactionStore } from './transaction-store.js';
import type { ConnectAccountRedirectResult, ConnectApi, RedirectConnectAccountOptions } from './connect/connect-account.js';
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

/** The SPA SDK 1.x hint cookie, read once and moved to the client's own name. */
const OLD_HINT = 'auth0.is.authenticated';

/** Errors of `checkSession` that only mean "no session": the user is anonymous, not broken. */
const NO_SESSION_ERRORS = ['login_required', 'invalid_grant', 'consent_required', 'interaction_required', 'account_selection_required', 'access_denied', 'missing_refresh_token'];

/**
 * An Auth0 session in the browser, with the API of `@auth0/auth0-spa-js` 2.28's `Auth0Client`,
 * plus `subscribe()` for UI state. Tokens are obtained with the authorization-code flow and PKCE
 * (RFC 6749 §4.1, RFC 7636), ID tokens verified (signature and claims) before anything is cached.
 */
export class Auth0Client {
  readonly #ctx: ClientContext;
  readonly #inFlight: Flights = new Map();
  /** Loads the anonymous-session chunk (once) and gives its client. */
  readonly #anonymous: () => Promise<AnonymousSessionApiClient>;
  /** Multi-factor authentication after an `MfaRequiredError` (the SPA SDK's `client.mfa`; its code loads on first use). */
  readonly mfa: MfaApiClient;
  /** Passkey signup and login (the SPA SDK's `client.passkey`; its code loads on first use). */
  readonly passkey: PasskeyApiClient;
  /** The signed-in user's factors, authentication methods and connected accounts (the SPA SDK's `client.myAccount`; its code loads on first use). */
  readonly myAccount: MyAccountApiClient;
  /** Anonymous sessions (the SDK's `AnonymousSessionApiClient`; its code loads on first use). */
  readonly anonymous: Pick<AnonymousSessionApiClient, 'createSession' | 'getTokenSilently' | 'mintTransferToken' | 'logout' | 'hasSession' | 'getClaims'>;

  /** @throws TypeError naming the option when an option is missing or malformed. */
  constructor(options: Auth0ClientOptions) {
    this.#ctx = createContext(options, (event) => void onSessionEvent(this.#ctx, this, event));
    this.mfa = new MfaApiClient(this.#ctx);
    this.myAccount = new MyAccountApiClient(this, this.#ctx);
    this.passkey = new PasskeyApiClient(this.#ctx);
    const { domainUrl, clientId, anonymousSessionsCacheMode: mode = 'localStorage' } = this.#ctx.options;
    let anonymous: Promise<AnonymousSessionApiClient> | undefined;
    let loaded: AnonymousSessionApiClient | undefined;
    this.#anonymous = () => (anonymous ??= import('./anonymous/anonymous-client.js').then((m) => (loaded = new m.AnonymousSessionApiClient(domainUrl, clientId, mode))));
    const anonymousClient = {
      // Synchronous, as the SDK's: before the chunk loads, only a stored session can exist.
      hasSession: () => loaded?.hasSession() ?? storedAnonymousSession(clientId, mode),
      getClaims: () => null,
    };
    lazyMethods<AnonymousSessionApiClient>(anonymousClient, ['createSession', 'getTokenSilently', 'mintTransferToken', 'logout'], this.#anonymous);
    this.anonymous = anonymousClient as Auth0Client['anonymous'];
    if (options.enterpriseConnect) void import('./domain-discovery/enterprise-connect.js').then((m) => m.warnEnterpriseConnect(options));
  }

  /** The `domain` and `clientId` the client was created with (frozen), as the SPA SDK's. */
  getConfiguration(): Readonly<{ domain: string; clientId: string }> {
    const { domain, clientId } = this.#ctx.options;
    return Object.freeze({ domain, clientId });
  }

  /** The current session snapshot (frozen). */
  get state(): SessionState {
    return this.#ctx.session.state;
  }

  /**
   * Calls `listener` at once with the current snapshot, then with a new frozen
   * `{status, user, error}` on every change. Returns the function that unsubscribes.
   */
  subscribe(listener: SessionListener): () => void {
    return this.#ctx.session.subscribe(listener);
  }

  /**
   * Redirects to the tenant's `/authorize` (RFC 6749 §4.1.1 with PKCE S256). The transaction
   * (state, nonce, verifier, `appState`, …) waits in sessionStorage for `handleRedirectCallback`.
   */
  async loginWithRedirect<TAppState = any>(options: RedirectLoginOptions<TAppState> = {}): Promise<void> {
    const { fragment, appState } = options;
    const openUrl = options.openUrl ?? options.onRedirect;
    const params = await this.#withTransfer(options.authorizationParams);
    const request = await authorizeRequest(this.#ctx, params);
    const { url, ...secrets } = request;
    (await this.#transactions()).create({ ...secrets, appState, organization: params.organization, max_age: maxAge(params), response_type: 'code' });
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
      // As the SPA SDK reads it: everything after the first `?` up to a `#`, so a hash router's
      // `/#/callback?code=…&state=…` works too.
      const search = url.split('?').slice(1).join('');
      if (!search) throw new GenericError('missing_callback_params', 'There are no query params available for parsing.');
      const transaction = (await this.#transactions()).take();
      if (!transaction) throw new GenericError('missing_transaction', 'Invalid state');
      query = new URLSearchParams(search.split('#')[0]);
      const [code, state, error] = ['code', 'state', 'error'].map((name) => query.get(name));
      if (transaction.response_type === 'connect_code') {
        connect = transaction;
      } else {
        if (error) throw new AuthenticationError(error, query.get('error_description') || error, state!, transaction.appState);
        if (!transaction.code_verifier || transaction.state !== state) throw new GenericError('state_mismatch', 'Invalid state');
        if (!code) throw new GenericError('missing_callback_params', 'The login answer has no code.');
        const { exchangeCode } = await import('./session-writer.js');
        await exchangeCode(this.#ctx, code, transaction, transaction.organization, transaction.max_age);
        return { appState: transaction.appState, response_type: 'code' };
      }
    } catch (e) {
      this.#ctx.session.set('error', undefined, e as Error);
      throw e;
    }
    try {
      const { finishConnect } = await import('./connect/connect-account.js');
      return await finishConnect<TAppState>(await this.#myAccountApi(true), query!, connect!);
    } finally {
      // A fresh page load: settle the state as on any load (getting the token usually did).
      if (this.#ctx.session.state.status === 'loading') await this.checkSession().catch(() => undefined);
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
    const redirectUri = this.#ctx.options.authorizationParams.redirect_uri ?? window.location.origin;
    const { startConnect } = await import('./connect/connect-account.js');
    const { url, transaction } = await startConnect(await this.#myAccountApi(false), options, redirectUri);
    (await this.#transactions()).create(transaction);
    if (options.openUrl) await options.openUrl(url);
    else window.location.assign(url);
  }

  /** The redirect transactions (sessionStorage, or cookies with `useCookiesForTransactions`); their code loads with the first redirect. */
  async #transactions(): Promise<TransactionStore> {
    const { clientId, domainUrl, useCookiesForTransactions } = this.#ctx.options;
    return new (await import('./transaction-store.js')).TransactionStore(clientId, domainUrl, useCookiesForTransactions ? this.#ctx.options : undefined);
  }

  /** The My Account API's connect calls (their code is in the connect chunk). */
  async #myAccountApi(afterRedirect: boolean): Promise<ConnectApi> {
    return (await import('./connect/my-account-api.js')).connectApi(this, this.#ctx, afterRedirect);
  }

  /**
   * Restores the session on page load: when the `auth0.<clientId>.is.authenticated` cookie (or
   * the SDK's older `auth0.is.authenticated`) says there may be one, gets a token silently. Like
   * the SPA SDK it never rejects for a failed restore: "no session" answers leave the user
   * anonymous, other failures (timeout, network, a broken tenant) show as the `error` state.
   * `useDpop` without a working IndexedDB resolves too (the state: `error`, `dpop_unavailable`);
   * the first call that needs the key fails then, as the SDK's.
   */
  async checkSession(options?: GetTokenSilentlyOptions): Promise<void> {
    this.#ctx.restores = true;
    // useDpop without a working IndexedDB: the start resolves, as the SDK's; the state says why.
    const unavailable = await this.#ctx.dpop?.ready().then(() => undefined, (e: Error) => e);
    if (unavailable) return this.#ctx.session.set('error', undefined, unavailable);
    // The old cookie counts once; a restored session writes the client's own.
    const old = getCookie(OLD_HINT);
    if (old) setCookie(OLD_HINT, undefined, this.#ctx.options);
    if (old || getCookie(this.#ctx.cookie) !== undefined) {
      try {
        await this.getTokenSilently(options);
        // The restored session's token will need renewing: its code loads now, after the start.
        setTimeout(preloadNetworkPath, 0, this.#ctx);
        return;
      } catch (e) {
        if (!NO_SESSION_ERRORS.includes((e as GenericError).error)) {
          this.#ctx.session.set('error', undefined, e as Error);
          return;
        }
      }
    }
    const user = await this.getUser();
    this.#ctx.session.set(user ? 'authenticated' : 'anonymous', user);
    if (!user && this.#ctx.options.createAnonymousSessionOnFailedSilentAuth) await (await this.#anonymous()).ensureSession();
  }

  /**
   * An access token for the default (or given) audience and scope: from the cache while it has
   * more than 60 s left, else from the tenant — with `useRefreshTokens` by the refresh-token grant
   * (RFC 6749 §6; MRRT with `useMrrt`), otherwise through a hidden iframe (`prompt=none`).
   * Concurrent calls, in this tab and in the origin's other tabs, share one request (a Web Lock;
   * the cache is read again once it is held). `cacheMode: 'cache-only'` resolves `undefined`
   * instead of going to the network; `timeoutInSeconds` also bounds the wait for the lock.
   * With `interactiveErrorHandler: 'popup'`, a refusal for a second factor opens the tenant's
   * login page in a popup (as `loginWithPopup`) and resolves with its token.
   * @throws GenericError `login_required` without a tenant session or when the refresh token is
   *   dead (`invalid_grant`: the local session ends); MfaRequiredError (no popup handler);
   *   MissingRefreshTokenError; MissingScopesError; TimeoutError; the popup's errors.
   */
  async getTokenSilently(options: GetTokenSilentlyOptions & { detailedResponse: true }): Promise<GetTokenSilentlyVerboseResponse>;
  async getTokenSilently(options?: GetTokenSilentlyOptions): Promise<string>;
  async getTokenSilently(options: GetTokenSilentlyOptions = {}): Promise<any> {
    const cached = peekToken(this.#ctx, options);
    if (cached) return cached;
    let result;
    try {
      result = await silentToken(this.#ctx, this.#inFlight, options);
    } catch (e) {
      // interactiveErrorHandler 'popup': the second factor on the tenant's page, then its token.
      if (!isStepUp(this.#ctx, e)) throw e;
      result = await this.#popupLogin({ authorizationParams: options.authorizationParams }, {});
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
    const params = await this.#withTransfer(authorizationParams);
    const request = await authorizeRequest(this.#ctx, params, 'web_message');
    const timeout = config.timeoutInSeconds ?? this.#ctx.options.authorizeTimeoutInSeconds;
    const code = await runPopup(popup, request.url, this.#ctx.tenantOrigin, request.state, timeout, config.closePopup !== false);
    const { exchangeCode } = await import('./session-writer.js');
    return exchangeCode(this.#ctx, code, request, params.organization, maxAge(params));
  }

  /**
   * A login's parameters: the call's (with a session transfer token from the page URL, see
   * `sessionTransferTokenQueryParamName`) over the client's; with an anonymous session, it goes
   * along as `anon_transfer_token` (none if minting fails).
   */
  async #withTransfer(call: AuthorizationParams = {}) {
    const name = this.#ctx.options.sessionTransferTokenQueryParamName;
    if (name) call = (await import('./authorize-url.js')).withSessionTransfer(name, call);
    const params = mergeParams(this.#ctx, call);
    const ticket = this.anonymous.hasSession() && (await this.anonymous.mintTransferToken());
    return ticket ? { ...params, anon_transfer_token: ticket } : params;
  }

  /** The user's profile from the ID token, or `undefined` when logged out. */
  async getUser<TUser extends User = User>(): Promise<TUser | undefined> {
    return (await this.#ctx.cacheManager.getIdToken(this.#ctx.options.clientId))?.decodedToken.user as TUser | undefined;
  }

  /** Every claim of the ID token, with the raw token as `__raw`. */
  async getIdTokenClaims(): Promise<IdToken | undefined> {
    return (await this.#ctx.cacheManager.getIdToken(this.#ctx.options.clientId))?.decodedToken.claims;
  }

  /** Whether an ID token is cached for this client. */
  async isAuthenticated(): Promise<boolean> {
    return !!(await this.getUser());
  }

  /**
   * Ends the local session (cache, hint cookies; a pending transaction stays, as in the SPA SDK), then — unless
   * `openUrl: false` — goes to the tenant's `/v2/logout` to end its session too.
   */
  async logout(options: LogoutOptions = {}): Promise<void> {
    const { logoutParams } = options;
    const openUrl = options.openUrl ?? options.onRedirect;
    if (this.#ctx.options.enterpriseConnect) (await import('./domain-discovery/enterprise-connect.js')).warnEnterpriseLogout(logoutParams?.federated);
    const clientId = options.clientId === null ? null : (options.clientId ?? this.#ctx.options.clientId);
    await endLocalSession(this.#ctx, 'logout', clientId);
    setCookie(this.#ctx.orgHint, undefined, this.#ctx.options);
    // The key the tokens were bound to goes with them; without IndexedDB there is nothing to delete.
    await this.#ctx.dpop?.clear().catch(() => undefined);
    const { buildLogoutUrl } = await import('./logout-url.js');
    const url = buildLogoutUrl(this.#ctx.options.domainUrl, clientId, logoutParams, this.#ctx.options.auth0Client);
    if (openUrl) await openUrl(url);
    else if (openUrl !== false) window.location.assign(url);
  }

  /**
   * Revokes the refresh tokens kept for `audience` (default: the client's) at `/oauth/revoke`
   * (RFC 7009 §2.1), then removes them from the cache — or the worker, in memory mode. Access
   * tokens stay until they expire (with `refreshTokenMode: 'online'` the whole local session ends,
   * as the SDK's). Nothing kept: nothing sent.
   * @throws GenericError with the tenant's `error` (the tokens are kept then); TimeoutError.
   */
  async revokeRefreshToken(options: RevokeRefreshTokenOptions = {}): Promise<void> {
    const { domainUrl, clientId, httpTimeoutInSeconds, authorizeTimeoutInSeconds } = this.#ctx.options;
    const audience = options.audience || this.#ctx.options.authorizationParams.audience || DEFAULT_AUDIENCE;
    const request = { ...this.#ctx.options, url: `${domainUrl}/oauth/revoke`, timeoutMs: httpTimeoutInSeconds * 1000 };
    // Under the token lock: no refresh may rotate a token while it is being revoked.
    await withLock(tokenLockName(clientId), authorizeTimeoutInSeconds * 1000, async () => {
      await this.#ctx.vault.catchUp();
      await this.#ctx.vault.revoke(audience, request);
    });
    // An online refresh token is the tenant session's: with it gone the local session ends too, as the SDK's.
    if (this.#ctx.options.refreshTokenMode === 'online') await this.logout({ openUrl: false });
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
    const { audience, scope, organization } = mergeParams(this.#ctx, call);
    const [{ tokenExchangeGrant, exchangeResult }, { grantTokens }] = await Promise.all([import('./token-exchange.js'), import('./session-writer.js')]);
    const grant = tokenExchangeGrant(options, { audience, scope, organization });
    let answer: TokenResponse | undefined;
    const result = await grantTokens(this.#ctx, grant, { scope, audience: audience || DEFAULT_AUDIENCE }, organization, undefined, login, undefined, (tokens) => (answer = tokens));
    return exchangeResult(result, answer!, login, this.#ctx.options);
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
    checkFetcherConfig(config);
    let fetcher: Promise<Fetcher<TOutput>> | undefined;
    // The fetcher's code is a chunk of its own, loaded by the first request.
    const load = async () => (await import('./fetcher.js')).createFetcher(config, this, !!this.#ctx.dpop, ({ audience, scope } = {}) => {
      const authorizationParams: AuthorizationParams = {};
      if (audience) authorizationParams.audience = audience;
      if (scope) authorizationParams.scope = Array.isArray(scope) ? scope.join(' ') : scope;
      return this.getTokenSilently({ authorizationParams, detailedResponse: true });
    });
    return { fetchWithAuth: async (input, init, authParams) => (await (fetcher ??= load())).fetchWithAuth(input, init, authParams) };
  }

  #dpopOrFail(): LazyDpop {
    if (!this.#ctx.dpop) throw new TypeError('Auth0Client: option `useDpop` must be true to use DPoP');
    return this.#ctx.dpop;
  }
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
