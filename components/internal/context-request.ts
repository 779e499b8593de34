// The community context protocol (https://github.com/webcomponents-cg/community-protocols,
// "Context"), for the one context the kit has: a consumer dispatches `context-request` with a
// callback; the nearest provider of the context answers it, and with `subscribe` again on every
// change. Written out here instead of taken from @lit/context (≈1 KB gzip of the kit): the kit
// only needs this one context, and any @lit/context consumer (`@consume`) speaks the same events.
import { auth0Context, type Auth0Session } from '../context.js';

/** Receives the session; `unsubscribe` is given to subscribers, to stop listening. */
export type SessionCallback = (session: Auth0Session | undefined, unsubscribe?: () => void) => void;

/** A `context-request` event as the protocol shapes it (the fields of @lit/context's ContextRequestEvent). */
export interface ContextRequest extends Event {
  context: unknown;
  contextTarget?: Element;
  callback: SessionCallback;
  subscribe?: boolean;
}

/** Asks the providers above `element` for the session (bubbling and composed, across shadow roots). */
export function requestSession(element: Element, callback: SessionCallback, subscribe = true): void {
  const event = new Event('context-request', { bubbles: true, composed: true });
  element.dispatchEvent(Object.assign(event, { context: auth0Context, contextTarget: element, callback, subscribe }));
}

/** The element that asked: `contextTarget`, else the event's origin. */
export const requester = (event: Event & { contextTarget?: Element }): Element => event.contextTarget ?? (event.composedPath()[0] as Element);
