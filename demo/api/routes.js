// The demo API's routes: "METHOD /path" → handler({req, claims, token, apiClient}) → {status, body}.
// Every route here requires a verified access token; add protected routes (e.g. issue 7's
// /api/calendar) to this table.
import { messages } from './messages.js';
import { calendar } from './calendar.js';
import { secrets } from './secrets.js';

/** @type {Record<string, (context: import('./index.js').RouteContext) => Promise<{status: number, body: unknown}> | {status: number, body: unknown}>} */
export const routes = {
  'GET /api/messages': messages,
  // Token Vault: needs the API's own client (`clientId` / `clientSecret` of startDemoApi).
  'GET /api/calendar': calendar,
  // Step-up: a token for `stepUpAudience` (startDemoApi) with amr "mfa", else 403.
  'GET /api/secrets': secrets,
};
