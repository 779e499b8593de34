// `client.mfa`, the SPA SDK's `MfaApiClient`: its five methods, whose code (mfa-api.ts, a chunk
// of its own) loads on the first call, so a page without MFA does not pay for it.
import type { ClientContext } from '../client-context.js';
import { lazyMethods } from '../lazy-methods.js';
import type { MfaApi } from './mfa-api.js';

/**
 * Multi-factor authentication after an `MfaRequiredError` (`getTokenSilently` for an API that
 * needs a second factor): list the user's authenticators, enroll one, challenge it, and verify
 * the code for the tokens the refused call asked for. Made by `Auth0Client` (`client.mfa`).
 * @example
 * try { await client.getTokenSilently({ authorizationParams: { audience } }) }
 * catch (e) {
 *   if (e instanceof MfaRequiredError) {
 *     const [app] = await client.mfa.getAuthenticators(e.mfa_token);
 *     await client.mfa.challenge({ mfaToken: e.mfa_token, challengeType: 'otp', authenticatorId: app.id });
 *     await client.mfa.verify({ mfaToken: e.mfa_token, otp: codeTheUserTyped });
 *   }
 * }
 */
export class MfaApiClient {
  /** @internal Use `client.mfa`. */
  constructor(ctx: ClientContext) {
    lazyMethods<MfaApi>(this, ['getAuthenticators', 'enroll', 'challenge', 'getEnrollmentFactors', 'verify'], async () => (await import('./mfa-api.js')).mfaApi(ctx));
  }
}
// The methods' types (documented in mfa-api.ts), on the class.
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface MfaApiClient extends MfaApi {}
