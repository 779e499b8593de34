import { attachContextRoot } from './context-root.js';

/**
 * Defines `<name>` once: a second copy of the kit on the same page finds it defined and moves on;
 * without a registry (Node without a DOM shim) nothing is defined. The context root is attached
 * first, so elements upgraded before their provider still find it. The manifest analyzer reads
 * these calls as definitions (the `define-once` plugin in custom-elements-manifest.config.mjs).
 */
export function defineOnce(name: string, element: CustomElementConstructor): void {
  attachContextRoot();
  if (globalThis.customElements && !customElements.get(name)) customElements.define(name, element);
}
