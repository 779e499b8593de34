// Session state snapshots for `client.subscribe()`: what the elements render. Each change yields a
// NEW frozen object (context consumers compare by identity); no change, no new object.
import type { User } from './id-token.js';

export type SessionStatus = 'loading' | 'authenticated' | 'anonymous' | 'error';

/** One immutable view of the session. */
export interface SessionState {
  readonly status: SessionStatus;
  readonly user: User | undefined;
  readonly error: Error | undefined;
}

export type SessionListener = (state: SessionState) => void;

const freeze = (state: SessionState): SessionState =>
  Object.freeze({ ...state, user: state.user && Object.freeze({ ...state.user }) });

// Users come fresh from each ID token; compare their content, not their identity.
const sameUser = (a: User | undefined, b: User | undefined) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** Holds the current snapshot and notifies listeners on change. */
export class SessionStore {
  #current: SessionState = freeze({ status: 'loading', user: undefined, error: undefined });
  /** The user object the snapshot was copied from: a cache hit passes the same one again. */
  #source: User | undefined;
  readonly #listeners = new Set<SessionListener>();

  get state(): SessionState {
    return this.#current;
  }

  /** Replaces the snapshot when something differs and tells every listener. */
  set(status: SessionStatus, user?: User, error?: Error): void {
    const prev = this.#current;
    const unchanged = prev.status === status && prev.error === error && (user === this.#source || sameUser(prev.user, user));
    this.#source = user;
    if (unchanged) return;
    this.#current = freeze({ status, user, error });
    for (const listener of [...this.#listeners]) {
      try {
        listener(this.#current);
      } catch (e) {
        // One broken listener must not stop the others or the engine's flow.
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }

  /** Calls `listener` now with the current snapshot, then on every change; returns unsubscribe. */
  subscribe(listener: SessionListener): () => void {
    this.#listeners.add(listener);
    listener(this.#current);
    return () => {
      this.#listeners.delete(listener);
    };
  }
}
