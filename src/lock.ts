// One flight per token across the tabs of an origin: a Web Lock held while a token is obtained.
// Whoever gets the lock next re-reads the cache first (the caller's task does), and a waiter whose
// view shows the holder's tokens answers with them without waiting its turn, so N waiting
// callers cause one request, and a rotated refresh token is never used twice.
import { TimeoutError } from './errors.js';

/** The lock all of a client's token requests share (one refresh-token family, one request at a time). */
export const tokenLockName = (clientId: string): string => `auth0.lock.getTokenSilently.${clientId}`;

/**
 * Runs `task` holding the exclusive Web Lock `name`. The lock is released when `task` settles —
 * success or error — or when the page goes away. (Web Locks exist wherever the engine can run:
 * both need a secure context.)
 *
 * `answer`, when given, may end the wait without the lock: it gets a signal that aborts once the
 * wait is over (granted, timed out) and resolves with an answer found meanwhile — what the holder
 * left in a shared cache — upon which the request is withdrawn and `task` never runs.
 * @see https://w3c.github.io/web-locks/
 * @throws TimeoutError when the lock is not granted within `timeoutMs` (`task` does not run).
 */
export function withLock<T>(name: string, timeoutMs: number, task: () => Promise<T>, answer?: (waiting: AbortSignal) => Promise<T>): Promise<T> {
  const request = new AbortController();
  const waiting = new AbortController();
  const timer = setTimeout(() => request.abort(new TimeoutError()), timeoutMs);
  const over = () => (clearTimeout(timer), waiting.abort());
  return new Promise((resolve, reject) => {
    // Settled as `task` settles, once the lock is released; or with the timeout's TimeoutError; a
    // withdrawal after an answer rejects too, but the answer has resolved first.
    navigator.locks.request(name, { signal: request.signal }, () => (over(), task())).then(resolve, (e) => (over(), reject(e)));
    answer?.(waiting.signal).then((value) => (request.abort(), resolve(value)));
  });
}
