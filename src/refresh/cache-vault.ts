// Refresh tokens kept in the cache entries, as the SPA SDK keeps them with `cacheLocation:
// 'localstorage'` or a custom cache: the entry of each audience and scope holds its token, and a
// rotated token is written to every entry that held the old one (so no entry is left with a used
// token that would trip reuse detection).
//
// Such a cache is shared by the origin's tabs, and localStorage reaches the other tabs a moment
// after a write. Every write made under the token lock therefore ends with a revision number in
// the cache, announced through the lock manager (which does not lag): the next holder of the lock
// waits until its own view shows that revision, so it never refreshes with a token just used up.
import { CACHE_KEY_PREFIX, type ICache } from '../cache/cache-entry.js';
import type { CacheManager } from '../cache/cache-manager.js';
import { fetchJson } from '../http.js';
import { tokenLockName } from '../lock.js';
import { announce, announced } from './revision.js';
import { revokeToken } from './revoke-endpoint.js';
import { pickSlot, type FoundRefreshToken, type JsonTransport, type RefreshSlot, type RefreshTokenVault, type RevokeRequest } from './vault.js';

/** The longest a tab waits for its view of the cache to catch up with an announced revision. */
const CATCH_UP_MS = 2000;

export class CacheVault implements RefreshTokenVault {
  readonly #cache: CacheManager;
  readonly #store: ICache;
  readonly #clientId: string;
  readonly #revisionKey: string;
  /** Whether this holder of the lock changed refresh tokens (then `settle` announces it). */
  #dirty = false;

  constructor(cache: CacheManager, store: ICache, clientId: string) {
    this.#cache = cache;
    this.#store = store;
    this.#clientId = clientId;
    this.#revisionKey = `${CACHE_KEY_PREFIX}::${clientId}::@@revision@@`;
  }

  /** The client's entries that hold a refresh token, expired ones included. */
  async #held() {
    return (await this.#cache.entries(this.#clientId)).filter(({ wrapped }) => typeof wrapped.body.refresh_token === 'string');
  }

  async find(audience: string, scope: string, useMrrt: boolean): Promise<FoundRefreshToken | undefined> {
    const held = (await this.#held()).map(({ parts, wrapped }) => ({ audience: parts.audience, scope: parts.scope, refresh_token: wrapped.body.refresh_token }));
    return pickSlot(held, audience, scope, useMrrt);
  }

  transport(_to: RefreshSlot, from?: FoundRefreshToken): JsonTransport {
    return async (url, init, timeoutMs) => {
      const response = await fetchJson(url, init, timeoutMs);
      const used = from?.refresh_token;
      if (response.ok && used && response.body && typeof response.body === 'object') {
        const fresh = response.body.refresh_token;
        // The caller writes the new entry with the body's token; the other holders change here.
        if (typeof fresh === 'string') await this.#replace(used, fresh);
        else response.body.refresh_token = used;
        this.#dirty = true;
      }
      return response;
    };
  }

  async discard(found: FoundRefreshToken): Promise<void> {
    for (const { key, wrapped } of await this.#held()) {
      if (wrapped.body.refresh_token !== found.refresh_token) continue;
      await this.#cache.remove(key);
      this.#dirty = true;
    }
  }

  async revoke(audience: string, request: RevokeRequest): Promise<void> {
    const tokens = new Set((await this.#held()).filter(({ parts }) => parts.audience === audience).map(({ wrapped }) => wrapped.body.refresh_token!));
    try {
      for (const token of tokens) {
        await revokeToken(request, token);
        this.#dirty = true;
        // Gone from every entry (MRRT entries of other audiences shared it); access tokens stay.
        for (const { key, wrapped } of await this.#held()) {
          if (wrapped.body.refresh_token !== token) continue;
          const { refresh_token: _revoked, ...body } = wrapped.body;
          if (body.access_token) await this.#cache.rewrite(key, { ...wrapped, body });
          else await this.#cache.remove(key);
        }
      }
    } finally {
      await this.settle();
    }
  }

  async clear(): Promise<void> {
    // The tokens are in the cache entries, which the caller clears: nothing left to announce.
    this.#dirty = false;
  }

  async catchUp(): Promise<void> {
    const target = await announced(tokenLockName(this.#clientId));
    for (let waited = 0; waited < CATCH_UP_MS && (await this.#revision()) < target; waited += 20) {
      await storageChange(this.#revisionKey, 20);
    }
  }

  async settle(): Promise<void> {
    if (!this.#dirty) return;
    this.#dirty = false;
    // Written last: a tab that sees this revision sees every earlier write of this one.
    const revision = (await this.#revision()) + 1;
    await this.#store.set(this.#revisionKey, { revision });
    announce(tokenLockName(this.#clientId), revision);
  }

  async #revision(): Promise<number> {
    return Number((await this.#store.get<{ revision?: number }>(this.#revisionKey))?.revision) || 0;
  }

  async #replace(used: string, fresh: string): Promise<void> {
    for (const { key, wrapped } of await this.#held()) {
      if (wrapped.body.refresh_token === used) await this.#cache.rewrite(key, { ...wrapped, body: { ...wrapped.body, refresh_token: fresh } });
    }
  }
}

/**
 * Resolves when localStorage tells this tab that `key` changed (a `storage` event: another tab's
 * write has arrived), or after `ms` — the only signal a custom cache gives.
 */
function storageChange(key: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      removeEventListener('storage', onStorage);
      resolve();
    };
    const onStorage = (event: StorageEvent) => (event.key === key || event.key === null) && done();
    const timer = setTimeout(done, ms);
    addEventListener('storage', onStorage);
  });
}
