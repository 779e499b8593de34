// Another tab's tokens arriving in a cache shared through localStorage: a tab waiting for the token
// lock answers as soon as the holder's write reaches it (a `storage` event), instead of waiting its
// turn for the lock only to read the same entry then.

/**
 * Resolves with `check()`'s answer once a `storage` event for a key that `watched` accepts (another
 * tab wrote it) makes `check()` find one; stops listening when `over` aborts, and then never resolves.
 */
export function arrival<T>(watched: (key: string) => boolean, check: () => Promise<T | undefined>, over: AbortSignal): Promise<T> {
  return new Promise((resolve) => {
    const onStorage = async (event: StorageEvent) => {
      if (event.key === null || !watched(event.key)) return;
      const found = await check();
      if (found && !over.aborted) resolve(found);
    };
    addEventListener('storage', onStorage, { signal: over });
  });
}
