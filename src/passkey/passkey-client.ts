// `client.passkey`, the SPA SDK's `PasskeyApiClient`: its five methods, whose code (passkey-api.ts,
// with the WebAuthn codec, a chunk of its own) loads on the first call.
import type { ClientContext } from '../client-context.js';
import { lazyMethods } from '../lazy-methods.js';
import type { PasskeyApi } from './passkey-api.js';

/**
 * Passkeys: sign a new user up or log in with WebAuthn, no redirect — `signup` and `login` run
 * the whole flow (challenge, browser ceremony, token grant); `getSignupChallenge` /
 * `getLoginChallenge` and `getTokenWithPasskey` split it for a ceremony of your own. Afterwards the
 * session is a login's. Made by `Auth0Client` (`client.passkey`).
 * @example
 * await client.passkey.signup({ email: 'jane@example.com' });
 * await client.passkey.login();
 * await client.getUser();
 */
export class PasskeyApiClient {
  /** @internal Use `client.passkey`. */
  constructor(ctx: ClientContext) {
    lazyMethods<PasskeyApi>(this, ['signup', 'login', 'getSignupChallenge', 'getLoginChallenge', 'getTokenWithPasskey'], async () => (await import('./passkey-api.js')).passkeyApi(ctx));
  }
}
// The methods' types (documented in passkey-api.ts), on the class.
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface PasskeyApiClient extends PasskeyApi {}
