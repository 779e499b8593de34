// GET and POST /api/cart: the demo shop's cart, kept here per caller (the verified token's `sub`).
// A visitor who has not logged in calls it with an anonymous session's access token (`anon@…`,
// a Bearer token from client.anonymous); once they log in, the login took the anonymous session
// along (`anon_transfer_token`) and the user's tokens name it (`anonymous_sub`, signed by the
// tenant), so the first call with such a token moves the anonymous cart into the user's. Only the
// tenant can link the two: a caller cannot name another visitor's cart.

/** The shop's few products: the page shows them, the API names them. */
export const PRODUCTS = Object.freeze({
  weekend: 'Weekend print edition',
  tote: 'Northwind tote bag',
  mug: 'Newsroom mug',
});

const ANONYMOUS = /^anon@/;
/** Most of one product a cart holds (a demo: the store is this process's memory). */
const MOST = 9;

/**
 * @typedef {object} CartAnswer
 * @property {'anonymous' | 'user'} owner who the cart belongs to
 * @property {{id: string, name: string, quantity: number}[]} items
 * @property {number} [moved] how many items came over from the anonymous cart on this call
 */

/**
 * The cart routes with their own store.
 * @returns {{read: (context: import('./index.js').RouteContext) => {status: number, body: unknown},
 *   change: (context: import('./index.js').RouteContext) => Promise<{status: number, body: unknown}>}}
 */
export function cartRoutes() {
  /** sub → product id → quantity */
  const carts = new Map();

  const cartOf = (sub) => {
    if (!carts.has(sub)) carts.set(sub, new Map());
    return carts.get(sub);
  };

  /** A user's token that names the anonymous visitor they were: that cart comes over, once. */
  function takeOver(claims) {
    const sub = String(claims.sub);
    const from = claims.anonymous_sub;
    if (ANONYMOUS.test(sub) || typeof from !== 'string' || !ANONYMOUS.test(from) || !carts.has(from)) return 0;
    const cart = cartOf(sub);
    let moved = 0;
    for (const [id, quantity] of carts.get(from)) {
      cart.set(id, Math.min(MOST, (cart.get(id) ?? 0) + quantity));
      moved += quantity;
    }
    carts.delete(from);
    return moved;
  }

  /** @returns {CartAnswer} */
  function answer(claims, moved) {
    const sub = String(claims.sub);
    const items = [...(carts.get(sub) ?? [])].map(([id, quantity]) => ({ id, name: PRODUCTS[id], quantity }));
    return { owner: ANONYMOUS.test(sub) ? 'anonymous' : 'user', items, ...(moved && { moved }) };
  }

  return {
    read({ claims }) {
      const moved = takeOver(claims);
      return { status: 200, body: answer(claims, moved) };
    },

    /** Body `{add: id}`, `{remove: id}` (one of it) or `{clear: true}`. */
    async change({ req, claims }) {
      let body;
      try {
        body = await readJson(req);
      } catch {
        return { status: 400, body: { error: 'invalid_request', error_description: 'the body must be a JSON object' } };
      }
      const id = body.add ?? body.remove;
      if (body.clear !== true && !Object.hasOwn(PRODUCTS, id)) {
        return { status: 400, body: { error: 'invalid_request', error_description: `add or remove one of: ${Object.keys(PRODUCTS).join(', ')}` } };
      }
      const moved = takeOver(claims);
      const cart = cartOf(String(claims.sub));
      if (body.clear === true) cart.clear();
      else if (body.add !== undefined) cart.set(id, Math.min(MOST, (cart.get(id) ?? 0) + 1));
      else if ((cart.get(id) ?? 0) > 1) cart.set(id, cart.get(id) - 1);
      else cart.delete(id);
      return { status: 200, body: answer(claims, moved) };
    },
  };
}

/** A small JSON object body (at most 1 KB). */
async function readJson(req) {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 1024) throw new Error('too large');
  }
  const value = JSON.parse(text);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
  return value;
}
