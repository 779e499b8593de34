// What a stored entry must look like before the engine trusts it. Storage is shared with every
// script of the origin (localStorage) or with the app's own cache code, so an entry may be
// corrupt, old or someone else's: such an entry is dropped and logged once, and the call goes on
// as if it were missing.
import type { IdTokenEntry, WrappedCacheEntry } from './cache-entry.js';

const isObject = (value: unknown): value is Record<string, any> => typeof value === 'object' && value !== null;

/** An access-token entry: `{body: {...}, expiresAt}` (a non-numeric `expiresAt` reads as expired). */
export const isTokenEntry = (value: unknown): value is WrappedCacheEntry => isObject(value) && isObject(value.body);

/** An ID-token entry: the raw token and its verified claims and user, with a `sub`. */
export const isIdTokenEntry = (value: unknown): value is IdTokenEntry =>
  isObject(value) && typeof value.id_token === 'string' && isObject(value.decodedToken) && isObject(value.decodedToken.user) && typeof value.decodedToken.claims?.sub === 'string';

/** Whether `wrapped` has less than `marginSeconds` left at `nowSeconds`; NaN and non-numbers count as expired. */
export const isExpired = (wrapped: WrappedCacheEntry, marginSeconds: number, nowSeconds: number): boolean => !(wrapped.expiresAt - marginSeconds >= nowSeconds);

const warned = new Set<string>();

/** Logs, once per key, that a malformed entry was dropped (never its content: it may hold a token). */
export function warnDropped(key: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  console.warn('Auth0Client: dropped malformed', key);
}
