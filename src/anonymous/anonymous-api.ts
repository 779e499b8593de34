// Auth0's anonymous-session endpoints, as the SDK's dependency calls them: `POST /anonymous/token`
// (JSON; create a session, re-mint its access token with `session_token`, or mint a 30 s transfer
// ticket with `audience: urn:auth0:anon_transfer`) and `POST /anonymous/logout`. The browser sends
// the tenant's `auth0_anon` cookie along (`credentials: include`).
import { AnonymousSessionError } from './errors.js';

export type AnonymousSession = {
  sessionToken: string;
  accessToken: string;
  expiresAt: number;
  sessionTokenExpiresAt?: number;
  scope?: string;
};

export const TRANSFER_AUDIENCE = 'urn:auth0:anon_transfer';

const post = (url: string, body: Record<string, unknown>, credentials: boolean): Promise<Response> =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    ...(credentials && { credentials: 'include' as const }),
    redirect: 'error',
    body: JSON.stringify(body),
  });

/** The tenant's error answer: its `error` (else `server_error`) and `error_description`. */
async function failure(response: Response, fallback: string): Promise<AnonymousSessionError> {
  let body: any = {};
  try {
    body = await response.json();
  } catch {
    /* not JSON: the fallbacks below */
  }
  const answer = {
    error: typeof body.error === 'string' ? body.error : 'server_error',
    error_description: typeof body.error_description === 'string' ? body.error_description : `Request failed with status ${response.status}`,
  };
  return new AnonymousSessionError(answer.error, answer.error_description || fallback, answer);
}

/**
 * `POST /anonymous/token` for a session: created without `session_token`, re-minted with it.
 * @throws AnonymousSessionError with the tenant's `error` as `code`, or `server_error` for an answer
 *   without an access token or a numeric `expires_in`.
 */
export async function anonymousToken(domainUrl: string, body: Record<string, unknown>): Promise<Omit<AnonymousSession, 'sessionToken'> & { sessionToken?: string }> {
  const response = await post(`${domainUrl}/anonymous/token`, body, true);
  if (!response.ok) throw await failure(response, 'Anonymous token request failed');
  let data: any;
  try {
    data = await response.json();
  } catch {
    throw new AnonymousSessionError('server_error', 'Invalid response from anonymous token endpoint');
  }
  const now = Math.floor(Date.now() / 1000);
  if (typeof data.access_token !== 'string' || !data.access_token) {
    throw new AnonymousSessionError('server_error', 'access_token missing or invalid in anonymous token response');
  }
  if (typeof data.expires_in !== 'number' || !Number.isFinite(data.expires_in)) {
    throw new AnonymousSessionError('server_error', 'expires_in missing or invalid in anonymous token response');
  }
  const sessionExpiresIn = data.session_expires_in;
  return {
    accessToken: data.access_token,
    expiresAt: now + data.expires_in,
    scope: data.scope,
    sessionToken: data.session_token,
    sessionTokenExpiresAt: typeof sessionExpiresIn === 'number' && Number.isFinite(sessionExpiresIn) ? now + sessionExpiresIn : undefined,
  };
}

/** A transfer ticket for the session, or `null` on any failure: a login is never blocked by it. */
export async function transferToken(domainUrl: string, clientId: string, sessionToken: string): Promise<string | null> {
  try {
    const response = await post(`${domainUrl}/anonymous/token`, { client_id: clientId, session_token: sessionToken, audience: TRANSFER_AUDIENCE }, false);
    if (!response.ok) return null;
    const data = await response.json();
    return typeof data.anon_transfer_token === 'string' ? data.anon_transfer_token : null;
  } catch {
    return null;
  }
}

/** `POST /anonymous/logout`: the tenant ends the session its cookie names and clears the cookie. */
export async function endAnonymousSession(domainUrl: string, clientId: string): Promise<void> {
  const response = await post(`${domainUrl}/anonymous/logout`, { client_id: clientId }, true);
  if (!response.ok) throw await failure(response, 'Failed to end anonymous session');
}
