// The `enterpriseConnect` option's checks: Enterprise Connect issues no refresh token and resolves
// the organization from the email domain, so a configuration that says otherwise gets the SDK's
// warnings (the option itself changes no flow). Loaded only when the option is set.
import type { Auth0ClientOptions } from '../options.js';

/** Warns, as the SPA SDK does at construction, about options Enterprise Connect contradicts. */
export function warnEnterpriseConnect(options: Auth0ClientOptions): void {
  const scope = options.authorizationParams?.scope;
  if (options.useRefreshTokens === true || (typeof scope === 'string' && scope.includes('offline_access'))) {
    console.warn('Enterprise Connect issues no refresh token; `useRefreshTokens` and `offline_access` in `scope` have no effect.');
  }
  if (options.authorizationParams?.organization) {
    console.warn('Enterprise Connect resolves the organization from the email domain (Home Realm Discovery); a static `organization` breaks multi-customer setups.');
  }
}

/** Warns, as the SPA SDK does at `logout`, unless the enterprise IdP's session ends too. */
export function warnEnterpriseLogout(federated: unknown): void {
  if (federated !== true) {
    console.warn('Enterprise Connect logout without `federated: true` leaves the enterprise IdP session alive; the next login may silently reuse the previous user.');
  }
}
