// `auth0-elements/engine` (and dist/engine.min.js): the engine's API (index.ts) plus the rest of
// the SPA SDK 2.28.3 entry's runtime names (sdk-surface.ts), so an app importing the SDK's entry
// finds every name here. The kit's bundle re-exports index.ts only: it does not pay for them.
export * from './index.js';
export * from './sdk-surface.js';
// The SDK's `User` is a class (a value and a type); index.ts has only the type.
export { User } from './sdk-surface.js';
