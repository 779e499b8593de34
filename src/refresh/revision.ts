// The revision a holder of the token lock leaves in a shared cache, announced through the lock
// manager, which does not lag as localStorage does: the next holder learns that its view is behind
// (see cache-vault.ts). Only the cache vault, a lazy chunk, uses it.

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
