// One flight per token across the tabs of an origin: a Web Lock held while a token is obtained.
// Whoever gets the lock next re-reads the cache first (the caller's task does), so N waiting
// callers cause one request, and a rotated refresh token is never used twice.
import { TimeoutError } from './errors.js';

/** The lock all of a client's token requests share (one refresh-token family, one request at a time). */
export const tokenLockName = (clientId: string): string => `auth0.lock.getTokenSilently.${clientId}`;

/**
 * Runs `task` holding the exclusive Web Lock `name`. The lock is released when `task` settles —
 * success or error — or when the page goes away. (Web Locks exist wherever the engine can run:
 * both need a secure context.)
 * @see https://w3c.github.io/web-locks/
 * @throws TimeoutError when the lock is not granted within `timeoutMs` (`task` does not run).
 */
export async function withLock<T>(name: string, timeoutMs: number, task: () => Promise<T>): Promise<T> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    return await navigator.locks.request(name, { signal }, task);
  } catch (e) {
    // The signal only matters until the lock is granted: the task never ran.
    if (signal.aborted && e === signal.reason) throw new TimeoutError();
    throw e;
  }
}

/** How long a revision stays announced: far longer than storage takes to reach the other tabs. */
const ANNOUNCED_MS = 5000;

/**
 * Announces, for a few seconds, that the cache of the lock `name`'s owner has reached `revision`.
 * localStorage reaches the other tabs a moment after a write while the lock manager does not lag,
 * so the next holder can see that its view of the cache is behind (and wait, see `announced`).
 * Call it holding the lock: the announcement is granted before the lock is released.
 */
export function announce(name: string, revision: number): void {
  void navigator.locks.request(`${name}@${revision}`, () => new Promise((resolve) => setTimeout(resolve, ANNOUNCED_MS)));
}

/** The highest revision announced for the lock `name` in the last few seconds (0 if none). */
export async function announced(name: string): Promise<number> {
  const { held = [] } = await navigator.locks.query();
  const revisions = held.map((lock) => lock.name ?? '').filter((held) => held.startsWith(`${name}@`));
  return Math.max(0, ...revisions.map((held) => Number(held.slice(name.length + 1)) || 0));
}
