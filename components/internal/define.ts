import { attachContextRoot } from './context-root.js';

/**
 * Defines `<name>` once: a second copy of the kit on the same page finds it defined and moves on.
 * The context root is attached first, so elements upgraded before their provider still find it.
 */
export function defineOnce(name: string, element: CustomElementConstructor): void {
  attachContextRoot();
  if (!customElements.get(name)) customElements.define(name, element);
}
