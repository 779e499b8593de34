import { LitElement, html, isServer, type PropertyValues } from 'lit';
import { Auth0Client } from '../../src/index.js';
import { type Auth0Session, type Auth0State, type Auth0Status } from '../context.js';
import { emit } from '../events.js';
import { SessionProvider } from '../internal/context-provider.js';
import { attributeError, engineOptions, ENGINE_PROPERTIES, type Auth0ClientOptions } from './options.js';
import { INVITATION_PARAMS, invitationOf, isRedirectCallback, removeParams, RESPONSE_PARAMS, returnTo } from './callback-url.js';
import { callbackDetail } from './callback-detail.js';
import { providers } from './policy.js';
import styles from './provider.styles.js';

const LOADING: Auth0Session = Object.freeze({ client: null, status: 'loading', user: undefined, error: undefined });

/** Properties whose change builds a new engine (any of them while the current one failed). */
const IDENTITY = ['domain', 'clientId'];

/**
 * Creates the Auth0 engine from its attributes and shares the session with every element inside
 * it (through `auth0Context`). On load it finishes a login or connect redirect (and removes the
 * response parameters from the address bar), starts a login from an invitation link, or checks
 * for an existing session.
 *
 * It also decides what markup inside it may do with the session: `<auth0-fetch>` sends tokens only
 * to this page's origin and the `api-origins` listed here, and asks only for the audiences and
 * scopes configured here (`audience`, `scope`, an `{audience: scope}` map, `api-audiences`,
 * `api-scopes`). Providers of the same client on one page must all allow a request.
 *
 * @summary The Auth0 session for the page content inside it.
 *
 * @slot - The page content that uses the session.
 *
 * @event {Auth0ReadyDetail} auth0-ready - The first state after load is settled: `{status}`. Listening late? Await `ready`.
 * @event {Auth0SessionChangeDetail} auth0-session-change - The status or the user changed: `{status, user}`.
 * @event {Auth0RedirectCallbackDetail} auth0-redirect-callback - A login redirect finished on this page: `{appState}`; after connecting an account also `{connection, scopes}`.
 * @event {Auth0ErrorDetail} auth0-error - Configuration, callback or session check failed: `{error}`.
 */
export class Auth0Provider extends LitElement {
  static override styles = styles;

  static override properties = {
    domain: {},
    clientId: { attribute: 'client-id' },
    audience: {},
    scope: {},
    redirectUri: { attribute: 'redirect-uri' },
    organization: {},
    cacheLocation: { attribute: 'cache-location' },
    useRefreshTokens: { attribute: 'use-refresh-tokens', type: Boolean },
    useRefreshTokensFallback: { attribute: 'use-refresh-tokens-fallback', type: Boolean },
    useMrrt: { attribute: 'use-mrrt', type: Boolean },
    useDpop: { attribute: 'use-dpop', type: Boolean },
    issuer: {},
    leeway: { type: Number },
    authorizeTimeout: { attribute: 'authorize-timeout', type: Number },
    httpTimeout: { attribute: 'http-timeout', type: Number },
    noAutoCallback: { attribute: 'no-auto-callback', type: Boolean },
    workerUrl: { attribute: 'worker-url' },
    apiOrigins: { attribute: 'api-origins' },
    apiAudiences: { attribute: 'api-audiences' },
    apiScopes: { attribute: 'api-scopes' },
    authorizationParams: { attribute: false },
    cache: { attribute: false },
    status: { reflect: true },
  };

  /** The tenant: a bare host (`tenant.eu.auth0.com` → https) or a full `http(s)://` origin. */
  domain?: string;

  /** The application's client id. */
  clientId?: string;

  /** The API the access tokens are for (`authorizationParams.audience`). */
  audience?: string;

  /** Scopes to ask for (`authorizationParams.scope`); `openid` is always added. */
  scope?: string;

  /** Where the tenant sends the browser back after login (`authorizationParams.redirect_uri`). */
  redirectUri?: string;

  /** Log in to this organization, by id or name (`authorizationParams.organization`). */
  organization?: string;

  /** `memory` (default) or `localstorage`. */
  cacheLocation?: string;

  /** Use refresh tokens instead of the hidden iframe to renew tokens. */
  useRefreshTokens = false;

  /** Fall back to the hidden iframe when no refresh token is at hand. */
  useRefreshTokensFallback = false;

  /** Use one refresh token for several APIs (multi-resource refresh tokens). */
  useMrrt = false;

  /** Bind tokens to a browser key (DPoP, RFC 9449). */
  useDpop = false;

  /** The expected `iss` of ID tokens, when it differs from the domain. */
  issuer?: string;

  /** Clock skew allowed when checking ID token times, in seconds (engine default 60). */
  leeway?: number;

  /** How long a popup or hidden-iframe login may take, in seconds (`authorizeTimeoutInSeconds`). */
  authorizeTimeout?: number;

  /** How long a call to the tenant may take, in seconds (`httpTimeoutInSeconds`). */
  httpTimeout?: number;

  /** Leave the address bar alone on load: no callback handling, no invitation login. */
  noAutoCallback = false;

  /**
   * A same-origin URL of `dist/token-worker.js` for the refresh-token worker (the engine's
   * `workerUrl`), for pages whose Content-Security-Policy allows no `blob:` workers.
   */
  workerUrl?: string;

  /**
   * API origins besides this page's own that `<auth0-fetch>` may send tokens to
   * (`https://api.example.com`; several separated by spaces or commas; the property also takes
   * an array). Requests anywhere else are refused before a token is fetched.
   */
  apiOrigins?: string | string[];

  /** Audiences `<auth0-fetch audience>` may ask tokens for, besides `audience` and the keys of a scope map. */
  apiAudiences?: string | string[];

  /** Scopes `<auth0-fetch scope>` may ask for, besides those of `scope` (or its map). */
  apiScopes?: string | string[];

  /** More authorization parameters (property only); its keys win over the attributes. */
  authorizationParams?: Record<string, unknown>;

  /** A custom token cache (property only); wins over `cache-location`. */
  cache?: Auth0ClientOptions['cache'];

  /** The session status, reflected for CSS: `loading`, `authenticated`, `anonymous` or `error`. */
  status: Auth0Status = 'loading';

  private readonly _context = new SessionProvider(this, LOADING);
  private _session: Auth0Session = LOADING;
  private _client: Auth0Client | null = null;
  private _unsubscribe?: () => void;
  // Each engine gets a number; results of a replaced engine's calls are dropped.
  private _generation = 0;
  // While a connect callback is finished: the engine's states wait here (the latest one).
  private _holding = false;
  private _held?: [Auth0Client | null, Auth0State];

  /**
   * Resolves with the session (`{client, status, user, error}`) once its first state after load is
   * settled, as `auth0-ready` fires: for code that starts listening after that (a framework's
   * effect, a script loaded late). Never rejects: a failure settles it with `status: 'error'`.
   */
  readonly ready: Promise<Auth0Session> = new Promise((resolve) => (this._settle = resolve));
  private _settle!: (session: Auth0Session) => void;

  /** The engine (read-only): call its methods directly. `null` while the attributes are invalid. */
  get client(): Auth0Client | null {
    return this._client;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    providers.add(this);
    // Moved in the page: keep the engine and its session, just listen again.
    if (this._client && !this._unsubscribe) this._listen(this._client);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    providers.delete(this);
    this._unsubscribe?.();
    this._unsubscribe = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Server-side rendering (@lit-labs/ssr calls willUpdate): no engine there, the page builds it.
    if (isServer) return;
    const keys = [...changed.keys()] as string[];
    const rebuild = !this.hasUpdated
      || keys.some((key) => IDENTITY.includes(key))
      || (!this._client && keys.some((key) => ENGINE_PROPERTIES.includes(key)));
    if (rebuild) this._build();
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  private _build(): void {
    this._unsubscribe?.();
    this._unsubscribe = undefined;
    const generation = ++this._generation;
    let client: Auth0Client;
    try {
      client = new Auth0Client(engineOptions(this));
    } catch (cause) {
      // A page author's mistake: show it (status, event, one console line), never throw.
      const error = attributeError(cause);
      this._client = null;
      console.warn(error.message);
      this._publish(null, { status: 'error', user: undefined, error } as Auth0State);
      this._ready();
      return;
    }
    this._client = client;
    this._listen(client);
    void this._start(client, generation);
  }

  private _listen(client: Auth0Client): void {
    this._unsubscribe = client.subscribe((state) => this._publish(client, state));
  }

  /** Provides a new frozen session and tells the page what changed. */
  private _publish(client: Auth0Client | null, state: Auth0State): void {
    if (this._holding) {
      this._held = [client, state];
      return;
    }
    const previous = this._session;
    const session: Auth0Session = Object.freeze({ client, status: state.status, user: state.user, error: state.error });
    this._session = session;
    this._context.setValue(session);
    this.status = session.status;
    if (session.status !== previous.status || JSON.stringify(session.user) !== JSON.stringify(previous.user)) {
      emit(this, 'auth0-session-change', { status: session.status, user: session.user });
    }
    if (session.error && session.error !== previous.error) emit(this, 'auth0-error', { error: session.error });
  }

  /** The load-time step: finish a redirect, follow an invitation, or look for a session. */
  private async _start(client: Auth0Client, generation: number): Promise<void> {
    const url = new URL(location.href);
    const invitation = invitationOf(url);
    try {
      if (!this.noAutoCallback && isRedirectCallback(url)) {
        // A connect redirect is finished with the user signed in all along: the session is held
        // back until the account is connected, so the page's API calls (<auth0-fetch>) that need
        // the connection do not run before it exists.
        this._holding = url.searchParams.has('connect_code');
        // Cleaned first: a reload while the code is being exchanged must not replay it.
        removeParams(url, RESPONSE_PARAMS);
        const result = await client.handleRedirectCallback(url.href).finally(() => this._release());
        if (generation !== this._generation) return;
        const detail = callbackDetail(result);
        emit(this, 'auth0-redirect-callback', detail);
        const back = returnTo(detail.appState);
        if (back) {
          // Back to the page the login started on (same origin only). Another page: this one is
          // leaving; only the anchor differs: a same-document move, and this page goes on.
          location.replace(back);
          if (back.split('#')[0] !== location.href.split('#')[0]) return;
        }
      } else if (!this.noAutoCallback && invitation) {
        removeParams(url, INVITATION_PARAMS);
        await client.loginWithRedirect({ authorizationParams: invitation });
        return; // the page is leaving for the tenant
      } else {
        await client.checkSession();
      }
    } catch (error) {
      // The engine reports most failures in its state (and so through `_publish`); the rest here.
      if (generation === this._generation && error !== this._session.error) {
        emit(this, 'auth0-error', { error: error as Error });
      }
    }
    if (generation === this._generation) this._ready();
  }

  /** Ends holding the session back (a connect callback finished): the latest state is published. */
  private _release(): void {
    this._holding = false;
    const held = this._held;
    this._held = undefined;
    if (held) this._publish(...held);
  }

  /** The state after load is known: `ready` settles (the first time) and `auth0-ready` fires. */
  private _ready(): void {
    this._settle(this._session);
    emit(this, 'auth0-ready', { status: this.status });
  }
}
