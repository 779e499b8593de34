// GET /api/calendar: Token Vault from the API's side. The caller's verified Auth0 access token is
// exchanged (getAccessTokenForConnection) for the user's token at the upstream provider the user
// connected with <auth0-connect-account>, and that token reads the user's calendar there. The
// upstream token stays in this process: the page only gets the events.
import { TokenForConnectionError } from '../../lib/src/server/index.js';

/** The tenant's answer when the user never connected an account for the connection. */
const NOT_CONNECTED = 'federated_connection_refresh_token_not_found';

/**
 * @typedef {object} CalendarRouteOptions
 * @property {string} [connection] the upstream connection; default `google-oauth2`
 * @property {string} [calendarApi] the upstream events URL; default the local tenant's stand-in
 *   Google Calendar (`<issuer>upstream/<connection>/calendar/v3/events`). For real Google:
 *   `https://www.googleapis.com/calendar/v3/calendars/primary/events`.
 * @property {number} [timeoutMs] time limit of the upstream call; default 10 000
 */

/**
 * Builds the route handler.
 * @param {CalendarRouteOptions} [options]
 * @returns {(context: import('./index.js').RouteContext) => Promise<{status: number, body: unknown}>}
 */
export function calendarRoute({ connection = 'google-oauth2', calendarApi, timeoutMs = 10_000 } = {}) {
  return async function calendar({ claims, token, apiClient }) {
    let tokenSet;
    try {
      tokenSet = await apiClient.getAccessTokenForConnection({ connection, accessToken: token });
    } catch (error) {
      if (error instanceof TokenForConnectionError && error.error === NOT_CONNECTED) {
        return {
          status: 403,
          body: {
            error: 'connected_account_required',
            error_description: `No ${connection} account is connected for this user: connect it first.`,
            connection,
          },
        };
      }
      throw error; // the demo API answers the tenant's other errors with their code
    }
    // The issuer was verified with the token: the stand-in lives at the tenant that issued it.
    const url = calendarApi ?? new URL(`upstream/${connection}/calendar/v3/events`, String(claims.iss)).href;
    let upstream;
    try {
      upstream = await fetch(url, { headers: { authorization: `Bearer ${tokenSet.accessToken}` }, signal: AbortSignal.timeout(timeoutMs) });
    } catch {
      return { status: 502, body: { error: 'upstream_unreachable', error_description: 'The calendar API could not be reached.' } };
    }
    const events = await upstream.json().catch(() => undefined);
    if (!upstream.ok || !Array.isArray(events?.items)) {
      return { status: 502, body: { error: 'upstream_error', error_description: `The calendar API answered HTTP ${upstream.status}.` } };
    }
    return {
      status: 200,
      body: {
        user: String(claims.sub),
        connection,
        calendar: events.summary,
        events: events.items.map((event) => ({ summary: event.summary, start: event.start?.dateTime, end: event.end?.dateTime })),
      },
    };
  };
}

/** The route as the demo registers it: the stand-in Google Calendar of the local tenant. */
export const calendar = calendarRoute();
