// `client.anonymous`: the SDK's AnonymousSessionApiClient. Anonymous sessions give a visitor who
// has not logged in an identity of their own (`anon@…`) and access tokens for the APIs that allow
// it; the session token is kept (localStorage or memory) so the caller never handles it, and a
// login can take the session along (`mintTransferToken`, sent as `anon_transfer_token`).
import { withLock } from '../lock.js';
import { anonymousToken, endAnonymousSession, transferToken, type AnonymousSession } from './anonymous-api.js';
import { AnonymousCache, type AccessTokenSlot } from './anonymous-cache.js';
import { AnonymousSessionError } from './errors.js';

export type CreateAnonymousSessionOptions = { audience?: string; scope?: string; metadata?: Record<string, string> };
export type AnonymousGetTokenSilentlyOptions = { audience?: string; scope?: string };
export type AnonymousTokenResult = AccessTokenSlot;

/** A stored access token counts as expired this long before its `expiresAt` (seconds). */
const LEEWAY = 60;
const EXPIRED = 'The anonymous session has expired. Call createSession() to start a new one.';

const fresh = (slot: AccessTokenSlot | null): slot is AccessTokenSlot => !!slot && slot.expiresAt - LEEWAY > Date.now() / 1000;
const slotOf = ({ accessToken, expiresAt, scope }: Omit<AnonymousSession, 'sessionToken'>): AccessTokenSlot => ({
  accessToken,
  expiresAt,
  ...(scope !== undefined && { scope }),
});

export class AnonymousSessionApiClient {
  readonly #cache: AnonymousCache;

  constructor(
    readonly domainUrl: string,
    readonly clientId: string,
    cacheMode: 'localStorage' | 'memory' = 'localStorage',
  ) {
    this.#cache = new AnonymousCache(clientId, cacheMode);
  }

  #keep(session: { sessionToken: string; sessionTokenExpiresAt?: number }): void {
    const { sessionToken, sessionTokenExpiresAt } = session;
    this.#cache.session = { sessionToken, ...(sessionTokenExpiresAt !== undefined && { sessionTokenExpiresAt }) };
  }

  /**
   * Starts a new anonymous session (`POST /anonymous/token` without a session token) and keeps it.
   * `metadata` (up to 1 KB) is set once, now.
   * @throws AnonymousSessionError with the tenant's `error` as `code` (`invalid_request` when a
   *   session exists already and `metadata` is given, `invalid_target`, `invalid_scope`, …).
   */
  async createSession(options?: CreateAnonymousSessionOptions): Promise<AnonymousSession> {
    const body: Record<string, unknown> = { client_id: this.clientId };
    for (const key of ['audience', 'scope', 'metadata'] as const) if (options?.[key]) body[key] = options[key];
    const tokens = await anonymousToken(this.domainUrl, body);
    if (!tokens.sessionToken) throw new AnonymousSessionError('server_error', 'session_token missing from create session response');
    const session = { ...tokens, sessionToken: tokens.sessionToken };
    this.#keep(session);
    this.#cache.slot(options?.audience, options?.scope).set(slotOf(session));
    return { sessionToken: session.sessionToken, accessToken: session.accessToken, expiresAt: session.expiresAt, sessionTokenExpiresAt: session.sessionTokenExpiresAt, scope: session.scope };
  }

  /**
   * An anonymous access token for `audience`/`scope`: the stored one while it has more than 60 s
   * left, else re-minted from the session token (one request across tabs: a Web Lock) — or, with no
   * session yet, from a new session.
   * @throws AnonymousSessionError `session_expired` (also for `invalid_session_token`) once the
   *   session token is dead: everything stored is forgotten, call `createSession()`.
   */
  async getTokenSilently(options?: AnonymousGetTokenSilentlyOptions): Promise<AnonymousTokenResult> {
    const slot = this.#cache.slot(options?.audience, options?.scope);
    const cached = slot.get();
    if (fresh(cached)) return cached;
    return withLock(`anonymous::${this.clientId}`, 5000, async () => {
      if (this.#cache.expired) throw new AnonymousSessionError('session_expired', EXPIRED);
      const again = slot.get();
      if (fresh(again)) return again;
      const sessionToken = this.#cache.session?.sessionToken;
      const body: Record<string, unknown> = { client_id: this.clientId };
      if (sessionToken) body.session_token = sessionToken;
      if (options?.audience) body.audience = options.audience;
      if (options?.scope) body.scope = options.scope;
      let tokens;
      try {
        tokens = await anonymousToken(this.domainUrl, body);
        if (!sessionToken && !tokens.sessionToken) throw new AnonymousSessionError('server_error', 'session_token missing from create session response');
      } catch (e) {
        if (e instanceof AnonymousSessionError && (e.code === 'session_expired' || e.code === 'invalid_session_token')) {
          this.#cache.clear();
          this.#cache.markExpired();
        }
        throw e;
      }
      const result = slotOf(tokens);
      slot.set(result);
      if (!this.#cache.session) this.#keep({ ...tokens, sessionToken: sessionToken ?? tokens.sessionToken! });
      return result;
    });
  }

  /**
   * A short-lived (30 s), single-use ticket that takes this anonymous session into a login (sent
   * to `/authorize` as `anon_transfer_token`); `null` without a session or on any failure.
   */
  async mintTransferToken(): Promise<string | null> {
    const sessionToken = this.#cache.session?.sessionToken;
    return sessionToken ? transferToken(this.domainUrl, this.clientId, sessionToken) : null;
  }

  /** Ends the session at the tenant (`POST /anonymous/logout`), then forgets everything stored. @throws AnonymousSessionError */
  async logout(): Promise<void> {
    await endAnonymousSession(this.domainUrl, this.clientId);
    this.#cache.clear();
  }

  /** Whether a session token is kept. */
  hasSession(): boolean {
    return !!this.#cache.session?.sessionToken;
  }

  /**
   * `createAnonymousSessionOnFailedSilentAuth`: after a `checkSession` that found nobody, a
   * session unless one is kept. Never rejects (a failure is logged at debug level, as the SDK's).
   * @internal
   */
  async ensureSession(): Promise<void> {
    if (!this.hasSession()) await this.getTokenSilently().catch((e) => console.debug('[auth0-spa-js] Anonymous session creation failed', e));
  }

  /** Always `null`, as the SDK's: session tokens are opaque. */
  getClaims(): null {
    return null;
  }
}
