// A refresh-token vault whose code loads on first use: the worker (its client and the worker's
// own source) or the cache vault reach the page when a session first needs a token from the
// tenant — or just after a start that restored a session, which will need one — never before the
// start's answer from the cache.
import type { FoundRefreshToken, JsonTransport, RefreshSlot, RefreshTokenVault, RevokeRequest } from './vault.js';

export class LazyVault implements RefreshTokenVault {
  #vault?: Promise<RefreshTokenVault>;
  readonly #make: () => Promise<RefreshTokenVault>;

  /** @param make loads the vault's module and builds the vault (called once). */
  constructor(make: () => Promise<RefreshTokenVault>) {
    this.#make = make;
  }

  #load(): Promise<RefreshTokenVault> {
    return (this.#vault ??= this.#make());
  }

  /** Starts loading the vault's code now (e.g. while a lock is awaited); a failure shows on use. */
  preload(): void {
    this.#load().catch(() => undefined);
  }

  async find(audience: string, scope: string, useMrrt: boolean): Promise<FoundRefreshToken | undefined> {
    return (await this.#load()).find(audience, scope, useMrrt);
  }

  transport(to: RefreshSlot, from?: FoundRefreshToken): JsonTransport {
    return async (url, init, timeoutMs) => (await this.#load()).transport(to, from)(url, init, timeoutMs);
  }

  async discard(found: FoundRefreshToken): Promise<void> {
    return (await this.#load()).discard(found);
  }

  async revoke(audience: string, request: RevokeRequest): Promise<void> {
    return (await this.#load()).revoke(audience, request);
  }

  /** A vault never loaded holds nothing of its own: nothing to forget, nothing to load for it. */
  async clear(): Promise<void> {
    if (this.#vault) return (await this.#vault).clear();
  }

  async catchUp(): Promise<void> {
    return (await this.#load()).catchUp();
  }

  async settle(): Promise<void> {
    return (await this.#load()).settle();
  }
}
