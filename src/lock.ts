// One flight per token across the tabs of an origin: a Web Lock held while a token is obtained.
// Whoever gets the lock next re-reads the cache first (the caller's task does), so N waiting
// callers cause one request, and a rotated refresh token is never used twice.
import { TimeoutError } from './errors.js';

/** The lock all of a client's token requests share (one refresh-token family, one request at a time). */
export const tokenLockName = (clientId: string): string => `auth0.lock.getTokenSilently.${clientId}`;

/** In-page queues for browsers without Web Locks (insecure contexts): one tab, still one flight. */
const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `task` holding the exclusive Web Lock `name`. The lock is released when `task` settles —
 * success or error — or when the page goes away.
 * @see https://w3c.github.io/web-locks/
 * @throws TimeoutError when the lock is not granted within `timeoutMs` (`task` does not run).
 */
export async function withLock<T>(name: string, timeoutMs: number, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return withPageLock(name, timeoutMs, task);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await locks.request(name, { signal: controller.signal }, () => {
      clearTimeout(timer);
      return task();
    });
  } catch (e) {
    // The signal only fires before the lock is granted: the task never ran.
    if (controller.signal.aborted && (e as Error)?.name === 'AbortError') throw new TimeoutError();
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

async function withPageLock<T>(name: string, timeoutMs: number, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(name) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const queued = previous.then(() => mine);
  queues.set(name, queued);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const granted = await Promise.race([
    previous.then(() => true),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
  ]);
  clearTimeout(timer);
  if (!granted) {
    // Our turn is skipped: release as soon as the previous holder does.
    release();
    throw new TimeoutError();
  }
  try {
    return await task();
  } finally {
    release();
    if (queues.get(name) === queued) queues.delete(name);
  }
}
