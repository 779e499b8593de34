// Auth0's logout endpoint: `/v2/logout?client_id=…&returnTo=…[&federated]`.
import { queryString, telemetry, type Auth0ClientInfo } from './authorize-url.js';
import type { LogoutOptions } from './types.js';

/**
 * Builds the logout URL. `clientId` `null` leaves `client_id` out; `returnTo` is passed through
 * as given (the tenant checks it against the allowed logout URLs).
 */
export function buildLogoutUrl(domainUrl: string, clientId: string | null, logoutParams: LogoutOptions['logoutParams'] = {}, auth0Client?: Auth0ClientInfo): string {
  const { federated, ...rest } = logoutParams;
  const query = queryString({ client_id: clientId, ...rest, auth0Client: telemetry(auth0Client) });
  const parts = [query, federated ? 'federated' : ''].filter(Boolean).join('&');
  return `${domainUrl}/v2/logout${parts ? `?${parts}` : ''}`;
}
