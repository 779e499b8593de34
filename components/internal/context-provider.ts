// The provider's half of the context protocol (see context-request.ts).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { auth0Context, type Auth0Session } from '../context.js';
import { requestSession, requester, type ContextRequest, type SessionCallback } from './context-request.js';

/**
 * Answers the session requests that reach `host` and calls every subscriber again on each new
 * value (compared by identity: a new frozen object per change). When connected it announces itself
 * with `context-provider`, so that requests made before it existed are replayed (ContextRoot), and
 * an outer provider hands over the subscribers that are now inside it.
 */
export class SessionProvider implements ReactiveController {
  readonly #host: HTMLElement & ReactiveControllerHost;
  #value: Auth0Session;
  /** Subscriber callback → the element that asked, and its (one, stable) unsubscribe. */
  readonly #subscribers = new Map<SessionCallback, [Element, () => void]>();

  constructor(host: HTMLElement & ReactiveControllerHost, value: Auth0Session) {
    this.#host = host;
    this.#value = value;
    host.addEventListener('context-request', (event) => {
      const { context, callback, subscribe } = event as ContextRequest;
      if (context !== auth0Context) return;
      event.stopPropagation();
      if (!subscribe) return callback(this.#value);
      if (!this.#subscribers.has(callback)) this.#subscribers.set(callback, [requester(event), () => this.#subscribers.delete(callback)]);
      callback(this.#value, this.#subscribers.get(callback)![1]);
    });
    host.addEventListener('context-provider', (event) => {
      if ((event as ContextRequest).context !== auth0Context || requester(event) === host) return;
      event.stopPropagation();
      // A provider appeared below this one: its elements ask again, and the nearer one answers.
      for (const [callback, [element]] of this.#subscribers) requestSession(element, callback);
    });
    host.addController(this);
  }

  hostConnected(): void {
    const event = new Event('context-provider', { bubbles: true, composed: true });
    this.#host.dispatchEvent(Object.assign(event, { context: auth0Context, contextTarget: this.#host }));
  }

  /** Provides `value` and tells every subscriber, unless it is the value already provided. */
  setValue(value: Auth0Session): void {
    if (value === this.#value) return;
    this.#value = value;
    for (const [callback, [, unsubscribe]] of this.#subscribers) callback(value, unsubscribe);
  }
}
