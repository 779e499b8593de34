// Keeps the tabs of an origin in step (DESIGN.md §3): a login, refresh or logout in one tab is
// announced on a BroadcastChannel and the other tabs' engines update their state — and so their
// elements — without a reload. Messages never carry a token: only what happened, for which client,
// and the user's `sub` for logins.

/** What one tab tells the others. */
export interface SessionEvent {
  /**
   * `login`: tokens for a (maybe new) user were stored; `refresh`: tokens were renewed;
   * `logout`: the local session ended; `sync`: the shared cache changed, re-read it.
   */
  type: 'login' | 'refresh' | 'logout' | 'sync';
  /** The client it happened to; `null` for a logout of every client (`logout({clientId: null})`). */
  clientId: string | null;
  /** The logged-in user's subject, for `login`. */
  sub?: string;
}

/** The channel every engine of the origin shares. */
export const SESSION_CHANNEL = 'auth0-elements.session';

const TYPES = new Set(['login', 'refresh', 'logout', 'sync']);

/**
 * Tells this page's messages apart: engines in the same page share their page's state already,
 * and must not act on each other's news (a page can hold many clients, e.g. in tests).
 */
const PAGE = Math.random().toString(36).slice(2);

/** One engine's end of the channel; a no-op where BroadcastChannel does not exist. */
export class SessionSync {
  readonly #channel?: BroadcastChannel;

  /** @param onEvent called with each well-formed event another engine posted. */
  constructor(onEvent: (event: SessionEvent) => void) {
    if (typeof BroadcastChannel !== 'function') return;
    this.#channel = new BroadcastChannel(SESSION_CHANNEL);
    // In Node (SSR, tests) an open channel would keep the process alive.
    (this.#channel as { unref?: () => void }).unref?.();
    this.#channel.onmessage = ({ data }: MessageEvent) => {
      if (!data || typeof data !== 'object' || !TYPES.has(data.type) || data.page === PAGE) return;
      if (data.clientId !== null && typeof data.clientId !== 'string') return;
      onEvent({ type: data.type, clientId: data.clientId, ...(typeof data.sub === 'string' ? { sub: data.sub } : null) });
    };
  }

  /** Tells the engines of the origin's other pages. */
  post(event: SessionEvent): void {
    this.#channel?.postMessage({ ...event, page: PAGE });
  }
}
