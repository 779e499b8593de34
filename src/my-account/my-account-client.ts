// `client.myAccount`, the SPA SDK's `MyAccountApiClient`: the signed-in user's own account at the
// My Account API (`<domain>/me/`). Its methods' code (my-account-api.ts, a chunk of its own) loads
// on the first call, so a page that never manages its factors does not pay for it.
import type { Fetcher } from '../fetcher.js';
import { lazyMethods } from '../lazy-methods.js';
import type { MyAccountApi } from './my-account-api.js';

/**
 * The My Account API for the signed-in user: the factors the tenant offers, the user's
 * authentication methods (list, get, rename, remove), enrolling a new one (a challenge, then its
 * verification) and the connected-accounts calls. Every call gets a token for the `<domain>/me/`
 * audience with the scope it needs (DPoP-bound with `useDpop`); an error answer rejects with
 * `MyAccountApiError` (its problem details: `type`, `status`, `title`, `detail`). Made by
 * `Auth0Client` (`client.myAccount`); `new MyAccountApiClient(fetcher, apiBase)` as the SDK's.
 * @example
 * const { id, location, auth_session, barcode_uri } = await client.myAccount.enrollmentChallenge({ type: 'totp' });
 * // show barcode_uri as a QR code; the user types the app's code:
 * await client.myAccount.enrollmentVerify({ type: 'totp', location, auth_session, otp_code: code });
 * await client.myAccount.updateAuthenticationMethod(id, { name: 'My phone' });
 */
export class MyAccountApiClient {
  /**
   * @param myAccountFetcher a fetcher (`client.createFetcher`) whose tokens are for the My Account API
   * @param apiBase the API's URL, `<domain>/me/`
   */
  constructor(myAccountFetcher: Fetcher<any>, apiBase: string);
  /** @internal `client.myAccount`: the client itself and its context. */
  constructor(client: object, ctx: object);
  constructor(source: object, base: string | object) {
    lazyMethods<MyAccountApi>(
      this,
      // One string (fewer bytes on the page's first load than an array literal).
      'connectAccount completeAccount getFactors getAuthenticationMethods getAuthenticationMethod updateAuthenticationMethod deleteAuthenticationMethod enrollmentChallenge enrollmentVerify'.split(' ') as (keyof MyAccountApi)[],
      async () => (await import('./my-account-api.js')).myAccountApi(source, base),
    );
  }
}
// The methods' types (documented in my-account-api.ts), on the class.
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface MyAccountApiClient extends MyAccountApi {}
