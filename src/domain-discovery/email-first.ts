// Email-first login (Enterprise Connect): where a login for `email` should go. Users whose email
// domain the tenant federates to an enterprise connection go with `login_hint` only — the tenant
// finds their connection from it — and the others keep the caller's parameters (a `connection` for
// everybody else, say), with the email as `login_hint`.
import type { Auth0Client } from '../Auth0Client.js';
import { isFederatedDomain } from './is-federated-domain.js';

/** The authorization parameters for an email-first login of `email`, and whether it is federated. */
export async function emailFirstLogin(
  client: Auth0Client,
  email: string,
  { connection, ...params }: Record<string, string>,
): Promise<{ authorizationParams: Record<string, string>; federated: boolean }> {
  const federated = await isFederatedDomain(client.getConfiguration().domain, email.slice(email.lastIndexOf('@') + 1));
  return { authorizationParams: { ...params, ...(federated || !connection ? {} : { connection }), login_hint: email }, federated };
}
