// What a stored entry must look like before the engine trusts it. Storage is shared with every
// script of the origin (localStorage) or with the app's own cache code, so an entry may be
// corrupt, old or someone else's: such an entry is dropped and logged once, and the call goes on
// as if it were missing.
import type { IdTokenEntry, WrappedCacheEntry } from './cache-entry.js';

const isObject = (value: unknown): value is Record<string, any> => typeof value === 'object' && value !== null;

/** An access-token entry: `{body: {...}, expiresAt}` (a non-numeric `expiresAt` reads as expired). */
export const isTokenEntry = (value: any): value is WrappedCacheEntry => isObject(value?.body);

/** An ID-token entry: the raw token and its verified claims and user, with a `sub`. */
export const isIdTokenEntry = (value: any): value is IdTokenEntry =>
  typeof value?.id_token === 'string' && isObject(value.decodedToken?.user) && typeof value.decodedToken.claims?.sub === 'string';

/** Whether `wrapped` has less than `marginSeconds` left at `nowSeconds`; NaN and non-numbers count as expired. */
export const isExpired = (wrapped: WrappedCacheEntry, marginSeconds: number, nowSeconds: number): boolean => !(wrapped.expiresAt - marginSeconds >= nowSeconds);

/** Logs that a malformed entry was dropped — once, as it is gone then (never its content: it may hold a token). */
export const warnDropped = (key: string): void => console.warn('Auth0Client: dropped malformed', key);
