// The demo API's routes: "METHOD /path" → handler({req, claims, token, apiClient}) → {status, body}.
// Every route here requires a verified access token; add protected routes (e.g. issue 7's
// /api/calendar) to this table.
import { messages } from './messages.js';
import { calendar } from './calendar.js';
import { secrets } from './secrets.js';
import { cartRoutes } from './cart.js';

/** Also open to Bearer tokens: an anonymous visitor's token (client.anonymous) is not DPoP-bound. */
const bearerToo = (handler) => Object.assign(handler, { acceptsBearer: true });
const cart = cartRoutes();

/** @type {Record<string, (context: import('./index.js').RouteContext) => Promise<{status: number, body: unknown}> | {status: number, body: unknown}>} */
export const routes = {
  'GET /api/messages': messages,
  // Token Vault: needs the API's own client (`clientId` / `clientSecret` of startDemoApi).
  'GET /api/calendar': calendar,
  // Step-up: a token for `stepUpAudience` (startDemoApi) with amr "mfa", else 403.
  'GET /api/secrets': secrets,
  // The demo shop's cart: anonymous visitors' and users' (moved over at login, cart.js).
  'GET /api/cart': bearerToo(cart.read),
  'POST /api/cart': bearerToo(cart.change),
};
