// Refresh tokens kept in the cache entries, as the SPA SDK keeps them with `cacheLocation:
// 'localstorage'` or a custom cache: the entry of each audience and scope holds its token, and a
// rotated token is written to every entry that held the old one (so no entry is left with a used
// token that would trip reuse detection).
import type { CacheManager } from '../cache/cache-manager.js';
import { fetchJson } from '../http.js';
import { revokeToken } from './revoke-endpoint.js';
import type { FoundRefreshToken, JsonTransport, RefreshSlot, RefreshTokenVault, RevokeRequest } from './vault.js';

export class CacheVault implements RefreshTokenVault {
  readonly #cache: CacheManager;
  readonly #clientId: string;

  constructor(cache: CacheManager, clientId: string) {
    this.#cache = cache;
    this.#clientId = clientId;
  }

  /** The client's entries that hold a refresh token, expired ones included. */
  async #held() {
    return (await this.#cache.entries(this.#clientId)).filter(({ wrapped }) => typeof wrapped.body.refresh_token === 'string');
  }

  async find(audience: string, scope: string, useMrrt: boolean): Promise<FoundRefreshToken | undefined> {
    const held = await this.#held();
    const wanted = scope.split(' ');
    const match =
      held.find(({ parts }) => parts.audience === audience && parts.scope === scope) ??
      held.find(({ parts }) => parts.audience === audience && wanted.every((s) => parts.scope.split(' ').includes(s))) ??
      (useMrrt ? held[0] : undefined);
    return match && { audience: match.parts.audience, scope: match.parts.scope, refresh_token: match.wrapped.body.refresh_token };
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
      }
      return response;
    };
  }

  async discard(found: FoundRefreshToken): Promise<void> {
    for (const { key, wrapped } of await this.#held()) {
      if (wrapped.body.refresh_token === found.refresh_token) await this.#cache.remove(key);
    }
  }

  async revoke(audience: string, request: RevokeRequest): Promise<void> {
    const tokens = new Set((await this.#held()).filter(({ parts }) => parts.audience === audience).map(({ wrapped }) => wrapped.body.refresh_token!));
    for (const token of tokens) {
      await revokeToken(request, token);
      // Gone from every entry (MRRT entries of other audiences shared it); access tokens stay.
      for (const { key, wrapped } of await this.#held()) {
        if (wrapped.body.refresh_token !== token) continue;
        const { refresh_token: _revoked, ...body } = wrapped.body;
        if (body.access_token) await this.#cache.rewrite(key, { ...wrapped, body });
        else await this.#cache.remove(key);
      }
    }
  }

  async clear(): Promise<void> {
    // The tokens are in the cache entries, which logout clears.
  }

  async #replace(used: string, fresh: string): Promise<void> {
    for (const { key, wrapped } of await this.#held()) {
      if (wrapped.body.refresh_token === used) await this.#cache.rewrite(key, { ...wrapped, body: { ...wrapped.body, refresh_token: fresh } });
    }
  }
}
