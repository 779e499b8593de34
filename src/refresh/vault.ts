// Where refresh tokens live, behind one interface: in the cache entries (`localstorage` and custom
// caches, like the SPA SDK) or in a Web Worker the page cannot read (memory mode). The refresh
// flow only names slots; a vault decides whether a token ever reaches page memory.
import type { JsonResponse } from '../http.js';
import { scopesIncluded } from '../scope.js';

/** The cache entry a refresh token belongs to: its key's audience and scope. */
export interface RefreshSlot {
  audience: string;
  scope: string;
}

/**
 * A slot holding a refresh token. `refresh_token` is set only by vaults whose tokens already live
 * in page-readable storage (the cache vault); the worker vault never hands one out.
 */
export interface FoundRefreshToken extends RefreshSlot {
  refresh_token?: string;
}

/**
 * The slot whose refresh token serves `audience` and `scope` (the rule of `RefreshTokenVault.find`):
 * the exact slot, else the first of the audience with a superset scope, else — with `useMrrt` —
 * the first of all.
 */
export function pickSlot<T extends RefreshSlot>(slots: T[], audience: string, scope: string, useMrrt: boolean): T | undefined {
  return (
    slots.find((slot) => slot.audience === audience && slot.scope === scope) ??
    slots.find((slot) => slot.audience === audience && scopesIncluded(scope, slot.scope)) ??
    (useMrrt ? slots[0] : undefined)
  );
}

/** `fetchJson`'s contract: what `requestToken` sends a token request through. */
export type JsonTransport = (url: string, init: RequestInit, timeoutMs: number) => Promise<JsonResponse<any>>;

/** What a revocation needs besides the token. */
export interface RevokeRequest {
  /** `<domain>/oauth/revoke` */
  url: string;
  clientId: string;
  useFormData: boolean;
  timeoutMs: number;
}

export interface RefreshTokenVault {
  /**
   * The slot whose refresh token serves `audience` and `scope`: the exact entry, else an entry of
   * the audience with a superset scope, else — with `useMrrt` — any entry of the client.
   */
  find(audience: string, scope: string, useMrrt: boolean): Promise<FoundRefreshToken | undefined>;

  /**
   * The transport for one token request. With `from`, the request is a refresh grant with that
   * slot's token; a refresh token in a successful answer replaces the used one everywhere it was
   * kept and is kept for `to` (the used one is kept for `to` when none comes back).
   */
  transport(to: RefreshSlot, from?: FoundRefreshToken): JsonTransport;

  /** The token of `found` is dead (`invalid_grant`): forget it in every slot that held it. */
  discard(found: FoundRefreshToken): Promise<void>;


  /**
   * Revokes every refresh token kept for `audience` at `/oauth/revoke` (RFC 7009 §2.1), then
   * forgets each one; a failure leaves the remaining tokens in place.
   */
  revoke(audience: string, request: RevokeRequest): Promise<void>;

  /** Forgets every refresh token the vault holds itself (logout). */
  clear(): Promise<void>;

  /**
   * Holding the token lock, before reading the cache: waits (briefly) until this tab sees what the
   * last holder wrote — storage shared by tabs lags behind the lock.
   */
  catchUp(): Promise<void>;

  /** Holding the token lock, after writing: makes the writes visible to `catchUp` in other tabs. */
  settle(): Promise<void>;
}
