// The parts of the SPA SDK's API this engine does not implement yet: they exist and fail with
// GenericError `not_supported` naming the call, never `undefined`. Apart from sdk-surface.ts so
// that Auth0Client imports them without pulling that file's re-exports into the kit's core.
import { GenericError } from './errors.js';

/** A part of the SPA SDK's API this engine does not implement yet: GenericError `not_supported` naming it. */
export const notSupported = (feature: string): GenericError => new GenericError('not_supported', `${feature} is not supported yet`);

/** A sub-client whose every method rejects with `not_supported` naming it (`client.passkey.login`). */
export const unsupportedClient = (name: string): any =>
  new Proxy({}, { get: (_, method) => (typeof method === 'string' && method !== 'then' ? () => Promise.reject(notSupported(`${name}.${method}`)) : undefined) });
