import { ContextRoot } from '@lit/context';

const ATTACHED = Symbol.for('auth0-elements.context-root');

/**
 * Lets elements that upgrade before their provider (define modules imported in any order, a
 * provider added later) still find it: ContextRoot replays their requests when the provider
 * appears. Attached once per page, even with two copies of the bundle.
 */
export function attachContextRoot(): void {
  const root = document.documentElement as HTMLElement & { [ATTACHED]?: true };
  if (root[ATTACHED]) return;
  root[ATTACHED] = true;
  new ContextRoot().attach(root);
}
