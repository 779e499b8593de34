// The local session's end and the other tabs' news: a logout here or there, a refresh token that
// died, a login made in another tab (DESIGN.md §3).
import type { ClientContext } from './client-context.js';
import { setCookie } from './cookies.js';
import type { User } from './id-token.js';
import type { SessionEvent } from './session-sync.js';

/** What a session event needs of the client: the cached user, and silent authentication. */
export interface SessionReader {
  getUser(): Promise<User | undefined>;
  getTokenSilently(): Promise<unknown>;
}

/**
 * Drops the tokens of `clientId` (default: this client's; `null`, from `logout({clientId:
 * null})`: every client's) from the cache and the worker; a refresh still under way will not
 * store its answer.
 */
async function forgetTokens(ctx: ClientContext, clientId: string | null = ctx.options.clientId): Promise<void> {
  ctx.generation += 1;
  await ctx.cacheManager.clear(clientId ?? undefined);
  await ctx.vault.clear().catch(() => undefined);
}

/**
 * Ends the local session — at logout, or when the refresh token died: the tokens of `clientId`
 * (`null`: of every client) and the hint cookie go, the state becomes anonymous, and the other
 * tabs hear it (`logout`, or `sync`: re-read the cache).
 */
export async function endLocalSession(ctx: ClientContext, type: 'logout' | 'sync' = 'sync', clientId: string | null = ctx.options.clientId): Promise<void> {
  await forgetTokens(ctx, clientId);
  setCookie(ctx.cookie, undefined, ctx.options);
  ctx.session.set('anonymous');
  ctx.sync.post({ type, clientId });
}

/**
 * Another tab's news: a logout ends this engine's session too; a login, refresh or cache change
 * is read back from the cache — and a login this cache does not show (memory mode, or another
 * user: whose tokens go) is joined, by an engine that restores sessions, with this tab's own
 * silent authentication, as on page load.
 */
export async function onSessionEvent(ctx: ClientContext, client: SessionReader, { type, clientId, sub }: SessionEvent): Promise<void> {
  if (clientId !== null && clientId !== ctx.options.clientId) return;
  if (type === 'logout') {
    await forgetTokens(ctx);
    ctx.session.set('anonymous');
    return;
  }
  let user = await client.getUser();
  if (type === 'login' && user?.sub !== sub) {
    if (user) await forgetTokens(ctx);
    if (ctx.restores) await client.getTokenSilently().catch(() => undefined);
    user = await client.getUser();
  }
  ctx.session.set(user ? 'authenticated' : 'anonymous', user);
}
