// Auth0's logout endpoint: `/v2/logout?client_id=…&returnTo=…[&federated]`.
import { queryString } from './authorize-url.js';
import type { LogoutOptions } from './types.js';

/**
 * Builds the logout URL. `clientId` `null` leaves `client_id` out; `returnTo` is passed through
 * as given (the tenant checks it against the allowed logout URLs).
 */
export function buildLogoutUrl(domainUrl: string, clientId: string | null, logoutParams: LogoutOptions['logoutParams'] = {}): string {
  const { federated, ...rest } = logoutParams;
  const query = queryString({ client_id: clientId, ...rest });
  const parts = [query, federated ? 'federated' : ''].filter(Boolean).join('&');
  return `${domainUrl}/v2/logout${parts ? `?${parts}` : ''}`;
}
