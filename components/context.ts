import type { Context } from '@lit/context';
import type { Auth0Client } from '../src/index.js';

/** One state snapshot of the engine, as `client.subscribe` hands it out. */
export type Auth0State = Parameters<Parameters<Auth0Client['subscribe']>[0]>[0];

/** `loading` | `authenticated` | `anonymous` | `error`. */
export type Auth0Status = Auth0State['status'];

/** The claims of the signed-in user (`undefined` while nobody is signed in). */
export type Auth0SessionUser = Auth0State['user'];

/**
 * What `<auth0-provider>` provides: the engine and its current state. A new frozen object on every
 * change, because the context protocol only notifies when the value's identity changes.
 * `client` is `null` only while the provider's attributes are invalid (`status` is then `error`).
 */
export interface Auth0Session {
  readonly client: Auth0Client | null;
  readonly status: Auth0Status;
  readonly user: Auth0SessionUser;
  readonly error: Auth0State['error'];
}

/**
 * The session context for Lit (and any framework speaking the community context protocol):
 * `@consume({context: auth0Context, subscribe: true}) session?: Auth0Session`.
 * The key is a registered symbol so that two copies of the bundle on one page still meet.
 */
export const auth0Context = Symbol.for('auth0-elements.session') as Context<symbol, Auth0Session | undefined>;
