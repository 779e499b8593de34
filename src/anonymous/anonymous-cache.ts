// Where an anonymous session is kept, under the SDK's keys: the session token once per client
// (`@@auth0spajs@@::<clientId>::anonymous::session`), a "this session expired" mark beside it, and
// one slot per audience and scope for its access token (`…::anonymous::["<audience>","<scope>"]`).
// localStorage (the default `anonymousSessionsCacheMode`) or this page's memory.

export type SharedSession = { sessionToken: string; sessionTokenExpiresAt?: number };
export type AccessTokenSlot = { accessToken: string; expiresAt: number; scope?: string };

interface Store<T> {
  get(): T | null;
  set(value: T): void;
  remove(): void;
}

const local = <T>(key: string): Store<T> => ({
  get() {
    try {
      const raw = localStorage.getItem(key);
      return raw ? JSON.parse(raw) : null;
    } catch {
      return null; // unreadable or unparsable: no session, as the SDK reads it
    }
  },
  set: (value) => localStorage.setItem(key, JSON.stringify(value)),
  remove: () => localStorage.removeItem(key),
});

const memory = <T>(): Store<T> => {
  let value: T | null = null;
  return { get: () => value, set: (v) => void (value = v), remove: () => void (value = null) };
};

/** The anonymous-session key prefix of a client. */
export const anonymousKey = (clientId: string): string => `@@auth0spajs@@::${clientId}::anonymous`;

export class AnonymousCache {
  readonly #base: string;
  readonly #local: boolean;
  readonly #slots = new Map<string, Store<AccessTokenSlot>>();
  readonly #session: Store<SharedSession>;
  readonly #expired: Store<boolean>;

  constructor(clientId: string, mode: 'localStorage' | 'memory') {
    this.#base = anonymousKey(clientId);
    this.#local = mode === 'localStorage';
    this.#session = this.#store(`${this.#base}::session`);
    this.#expired = this.#store(`${this.#base}::session_expired`);
  }

  #store<T>(key: string): Store<T> {
    return this.#local ? local<T>(key) : memory<T>();
  }

  slot(audience?: string, scope?: string): Store<AccessTokenSlot> {
    const key = `${this.#base}::${JSON.stringify([audience ?? '', scope ?? ''])}`;
    if (!this.#slots.has(key)) this.#slots.set(key, this.#store(key));
    return this.#slots.get(key)!;
  }

  get session(): SharedSession | null {
    return this.#session.get();
  }

  set session(session: SharedSession) {
    this.#session.set(session);
    this.#expired.remove();
  }

  get expired(): boolean {
    return !!this.#expired.get();
  }

  markExpired(): void {
    this.#expired.set(true);
  }

  /** Forgets the session, its mark and every slot (in localStorage also the slots of earlier pages). */
  clear(): void {
    this.#session.remove();
    this.#expired.remove();
    for (const slot of this.#slots.values()) slot.remove();
    this.#slots.clear();
    if (!this.#local) return;
    const prefix = `${this.#base}::`;
    for (const key of Object.keys(localStorage)) if (key.startsWith(prefix)) localStorage.removeItem(key);
  }
}
