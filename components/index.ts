// The main entry (`auth0-elements`): defines every element, the provider first so that its
// children find it as they upgrade; re-exports the engine and the session context.
export * from './define/provider.js';
export * from './define/login-button.js';
export * from './define/logout-button.js';
export * from './define/user.js';
export * from './define/if.js';
export * from './define/organization-switcher.js';
export * from './define/fetch.js';
export * from './define/connect-account.js';
// Thin: client.passkey's code (the WebAuthn ceremonies) is a chunk the engine loads on the first click.
export * from './define/passkey-button.js';
// Its form and calls are a chunk loaded on first connect (components/internal/lazy-body.ts).
export * from './define/mfa-challenge.js';
export * from './define/authentication-methods.js';
export { auth0Context } from './context.js';
export type { Auth0Session, Auth0State, Auth0Status, Auth0SessionUser } from './context.js';
export type * from './events.js';
export * from '../src/index.js';
