import type { Auth0Status, Auth0SessionUser } from './context.js';

// Public events (DESIGN.md §4): `auth0-*`, bubbling and composed, one detail type each. Since they
// cross shadow roots and reach any listener on the page, no detail ever carries a token.

/** `auth0-ready`: the provider settled its first state after load (callback or session check). */
export interface Auth0ReadyDetail {
  status: Auth0Status;
}

/** `auth0-session-change`: the signed-in user or the status changed. */
export interface Auth0SessionChangeDetail {
  status: Auth0Status;
  user: Auth0SessionUser;
}

/** `auth0-redirect-callback`: the provider finished a login (or connect) redirect on this page. */
export interface Auth0RedirectCallbackDetail {
  /** What the page passed as `appState` to `loginWithRedirect` before leaving. */
  appState: unknown;
}

/** `auth0-error`: configuration, login or callback failed; the engine's typed error. */
export interface Auth0ErrorDetail {
  error: Error;
}

/** `auth0-login` (cancelable): a login button is about to leave the page or open a popup. */
export interface Auth0LoginDetail {
  mode: 'redirect' | 'popup';
  /** With `email-first`: the email's domain is federated to an enterprise connection. */
  federated?: boolean;
}

/** Every public event of the kit, by name. */
export interface Auth0EventMap {
  'auth0-ready': Auth0ReadyDetail;
  'auth0-session-change': Auth0SessionChangeDetail;
  'auth0-redirect-callback': Auth0RedirectCallbackDetail;
  'auth0-error': Auth0ErrorDetail;
  'auth0-login': Auth0LoginDetail;
}

declare global {
  interface HTMLElementEventMap {
    'auth0-ready': CustomEvent<Auth0ReadyDetail>;
    'auth0-session-change': CustomEvent<Auth0SessionChangeDetail>;
    'auth0-redirect-callback': CustomEvent<Auth0RedirectCallbackDetail>;
    'auth0-error': CustomEvent<Auth0ErrorDetail>;
    'auth0-login': CustomEvent<Auth0LoginDetail>;
  }
}

/**
 * Dispatches a public event from `target`. Returns `false` when a listener called
 * `preventDefault()` on a cancelable event.
 */
export function emit<K extends keyof Auth0EventMap>(
  target: EventTarget,
  type: K,
  detail: Auth0EventMap[K],
  cancelable = false,
): boolean {
  const safe = 'error' in detail ? { ...detail, error: withoutTokens(detail.error) } : detail;
  return target.dispatchEvent(new CustomEvent(type, { detail: safe, bubbles: true, composed: true, cancelable }));
}

/**
 * An engine error that carries a token (MfaRequiredError's `mfa_token`) leaves in an event as a
 * copy without it: same class, code and message. The engine's own caller still has the original.
 */
function withoutTokens(error: Error): Error {
  if (!error || !('mfa_token' in error)) return error;
  const copy = Object.create(Object.getPrototypeOf(error));
  for (const key of Object.getOwnPropertyNames(error)) if (key !== 'mfa_token') copy[key] = (error as any)[key];
  return copy;
}
