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
