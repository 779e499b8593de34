// Token Vault and the stand-in upstream providers: which user connected which upstream account
// (Google, say), the connect transactions of the My Account API, and the upstream tokens the
// vault keeps for each connected account (offline access: a refresh token, and access tokens
// minted from it when asked).
import { createHash, randomBytes } from 'node:crypto';

const id = (prefix, bytes = 16) => `${prefix}${randomBytes(bytes).toString('base64url')}`;
const now = () => Math.floor(Date.now() / 1000);

const CONNECT_TTL = 300;
const UPSTREAM_TOKEN_TTL = 3600;

/**
 * @typedef {object} ConnectedAccount
 * @property {string} id
 * @property {string} connection
 * @property {string} sub the tenant's user
 * @property {string[]} scopes
 * @property {string} createdAt ISO time
 * @property {{ refreshToken: string, accessToken: string, expiresAt: number }} upstream
 */

/**
 * @typedef {object} ConnectSession
 * @property {string} sub
 * @property {string} clientId
 * @property {string} connection
 * @property {string[]} scopes
 * @property {string} redirectUri
 * @property {string | undefined} state
 * @property {string | undefined} codeChallenge
 * @property {string} ticket
 * @property {string} [connectCode]
 * @property {number} expiresAt
 */

export class Vault {
  /** @type {Map<string, ConnectSession>} auth_session → session */
  #sessions = new Map();

  /** @type {Map<string, ConnectedAccount>} account id → account */
  #accounts = new Map();

  /** @param {Record<string, import('./tenant.config.js').ConnectionConfig>} connections */
  constructor(connections) {
    this.connections = connections;
  }

  /** @param {Omit<ConnectSession, 'ticket' | 'expiresAt'>} request @returns {{ authSession: string, ticket: string, expiresIn: number }} */
  startConnect(request) {
    const authSession = id('as_', 24);
    const ticket = id('tkt_', 24);
    this.#sessions.set(authSession, { ...request, ticket, expiresAt: now() + CONNECT_TTL });
    return { authSession, ticket, expiresIn: CONNECT_TTL };
  }

  /** The live connect session a ticket belongs to. @returns {[string, ConnectSession] | undefined} */
  byTicket(ticket) {
    for (const entry of this.#sessions) {
      if (entry[1].ticket === ticket && entry[1].expiresAt > now() && !entry[1].connectCode) return entry;
    }
    return undefined;
  }

  /** The upstream provider consented: a connect code goes back to the app. */
  approve(authSession) {
    const session = /** @type {ConnectSession} */ (this.#sessions.get(authSession));
    session.connectCode = id('cc_', 24);
    return session.connectCode;
  }

  /**
   * Finishes a connect transaction: checks it, stores the connected account, forgets the session.
   * @param {{ sub: string, authSession: string, connectCode: string, redirectUri: string, codeVerifier?: string }} completion
   * @returns {{ account: ConnectedAccount } | { problem: string, detail: string }}
   */
  complete({ sub, authSession, connectCode, redirectUri, codeVerifier }) {
    const session = this.#sessions.get(authSession);
    if (!session || session.expiresAt <= now()) return { problem: 'invalid_auth_session', detail: 'the connect session is unknown or has expired' };
    if (session.sub !== sub) return { problem: 'invalid_auth_session', detail: 'the connect session belongs to another user' };
    if (!session.connectCode || session.connectCode !== connectCode) return { problem: 'invalid_connect_code', detail: 'the connect code does not match this session' };
    if (session.redirectUri !== redirectUri) return { problem: 'invalid_redirect_uri', detail: 'redirect_uri differs from the one given to connect' };
    if (session.codeChallenge) {
      const challenge = codeVerifier ? createHash('sha256').update(codeVerifier).digest('base64url') : '';
      if (challenge !== session.codeChallenge) return { problem: 'invalid_code_verifier', detail: 'code_verifier does not match the code_challenge (PKCE)' };
    }
    this.#sessions.delete(authSession);

    for (const [key, existing] of this.#accounts) {
      if (existing.sub === sub && existing.connection === session.connection) this.#accounts.delete(key);
    }
    /** @type {ConnectedAccount} */
    const account = {
      id: id('cac_', 12),
      connection: session.connection,
      sub,
      scopes: session.scopes,
      createdAt: new Date().toISOString(),
      upstream: { refreshToken: id('1//stand-in-rt-', 24), accessToken: '', expiresAt: 0 },
    };
    this.#accounts.set(account.id, account);
    return { account };
  }

  /** @returns {ConnectedAccount[]} */
  accountsOf(sub) {
    return [...this.#accounts.values()].filter((account) => account.sub === sub);
  }

  /** @returns {boolean} whether it existed */
  remove(sub, accountId) {
    const account = this.#accounts.get(accountId);
    if (!account || account.sub !== sub) return false;
    return this.#accounts.delete(accountId);
  }

  /**
   * An upstream access token for this user and connection, minted from the stored refresh token
   * when the last one is close to expiry.
   * @returns {{ accessToken: string, expiresIn: number, scopes: string[] } | undefined}
   */
  upstreamToken(sub, connection) {
    const account = this.accountsOf(sub).find((a) => a.connection === connection);
    if (!account) return undefined;
    if (account.upstream.expiresAt - now() < 60) {
      account.upstream.accessToken = id('ya29.stand-in.', 32);
      account.upstream.expiresAt = now() + UPSTREAM_TOKEN_TTL;
    }
    return { accessToken: account.upstream.accessToken, expiresIn: account.upstream.expiresAt - now(), scopes: account.scopes };
  }

  /** The connected account an upstream access token was minted for (the stand-in upstream API uses it). */
  accountByUpstreamToken(accessToken) {
    return [...this.#accounts.values()].find((a) => a.upstream.accessToken === accessToken && a.upstream.expiresAt > now());
  }
}

/** My Account API's view of a connected account. @param {ConnectedAccount} account */
export function describeAccount(account) {
  return {
    id: account.id,
    connection: account.connection,
    access_type: 'offline',
    scopes: account.scopes,
    created_at: account.createdAt,
  };
}
