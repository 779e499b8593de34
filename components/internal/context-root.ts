import { auth0Context } from '../context.js';
import { requestSession, requester, type ContextRequest, type SessionCallback } from './context-request.js';

const ATTACHED = Symbol.for('auth0-elements.context-root');

/**
 * Lets elements that upgrade before their provider (define modules imported in any order, a
 * provider added later) still find it: the session requests no provider answered reach the
 * document element and are kept (weakly); when a provider announces itself (`context-provider`)
 * they are made again — @lit/context's ContextRoot, for the session context. Attached once per
 * page, even with two copies of the bundle; not at all without a document (Node, SSR).
 */
export function attachContextRoot(): void {
  const root = globalThis.document?.documentElement as (HTMLElement & { [ATTACHED]?: true }) | undefined;
  if (!root || root[ATTACHED]) return;
  root[ATTACHED] = true;
  let pending: Array<[WeakRef<Element>, WeakRef<SessionCallback>]> = [];
  root.addEventListener('context-request', (event) => {
    const { context, callback, subscribe } = event as ContextRequest;
    if (context === auth0Context && subscribe) pending.push([new WeakRef(requester(event)), new WeakRef(callback)]);
  });
  root.addEventListener('context-provider', (event) => {
    if ((event as ContextRequest).context !== auth0Context) return;
    const requests = pending;
    pending = [];
    for (const [element, callback] of requests) {
      const [target, answer] = [element.deref(), callback.deref()];
      if (target && answer) requestSession(target, answer);
    }
  });
}
