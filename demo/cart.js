// The shop's cart: a visitor who has not logged in gets an anonymous session (client.anonymous)
// the first time they add something, and the demo API keeps the cart under that session's
// identity. Logging in takes the session along (the engine sends `anon_transfer_token` with the
// login), the user's tokens name it, and the API moves the cart over; the page then ends the
// anonymous session. Tokens stay in this script's calls: the page shows the cart as text only.
const provider = document.querySelector('auth0-provider');
const shop = document.querySelector('#shop');
const list = shop.querySelector('#cart-items');
const note = shop.querySelector('#cart-status');
const api = shop.dataset.api;
const audience = provider.getAttribute('audience') ?? undefined;
const NONCE_ID = 'demo-cart';
let generation = 0;

/** The cart call for the current session: the user's DPoP-bound token, or the anonymous session's Bearer token. */
async function call(change) {
  const { client, status } = provider;
  const init = change ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(change) } : { method: 'GET' };
  let response;
  if (status === 'authenticated') {
    response = await client.createFetcher({ baseUrl: api, dpopNonceId: NONCE_ID }).fetchWithAuth('/api/cart', init);
  } else {
    if (!change && !client.anonymous.hasSession()) return { owner: 'anonymous', items: [] }; // no session before the first item
    const { accessToken } = await client.anonymous.getTokenSilently({ audience });
    response = await fetch(`${api}/api/cart`, { ...init, headers: { ...init.headers, authorization: `Bearer ${accessToken}` } });
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error_description ?? `the API answered HTTP ${response.status}`);
  return body;
}

function render(cart) {
  const rows = cart.items.map(({ id, name, quantity }) => {
    const row = document.createElement('li');
    const label = document.createElement('span');
    label.textContent = `${quantity} × ${name}`;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'link';
    remove.dataset.remove = id;
    remove.textContent = 'Remove one';
    row.append(label, ' ', remove);
    return row;
  });
  list.replaceChildren(...rows);
  shop.dataset.owner = cart.owner;
  shop.dataset.count = String(cart.items.reduce((sum, item) => sum + item.quantity, 0));
  if (cart.moved) note.textContent = `The ${cart.moved === 1 ? 'item' : `${cart.moved} items`} you chose before logging in ${cart.moved === 1 ? 'is' : 'are'} in your cart.`;
  else if (!cart.items.length) note.textContent = 'Your cart is empty.';
  else note.textContent = cart.owner === 'user' ? 'Your cart.' : 'Kept for you without an account: log in and it comes along.';
}

/** Runs one cart call and shows its answer, unless the session changed meanwhile. */
async function update(change) {
  const mine = ++generation;
  shop.setAttribute('aria-busy', 'true');
  try {
    const cart = await call(change);
    if (mine !== generation) return;
    render(cart);
    // The login took the anonymous session along and the cart came over: end that session.
    if (cart.moved && provider.client.anonymous.hasSession()) await provider.client.anonymous.logout().catch(() => undefined);
  } catch (error) {
    if (mine === generation) note.textContent = `The cart is not available: ${error.error_description ?? error.message}`;
  } finally {
    if (mine === generation) shop.removeAttribute('aria-busy');
  }
}

shop.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-add], button[data-remove]');
  if (!button || provider.status === 'loading') return;
  void update(button.dataset.add ? { add: button.dataset.add } : { remove: button.dataset.remove });
});

/** Loads the cart once per settled session (a status and a user), whichever tells first. */
let shownFor;
function sync({ status, user }) {
  if (status !== 'authenticated' && status !== 'anonymous') return;
  const key = `${status} ${user?.sub ?? ''}`;
  if (key === shownFor) return;
  shownFor = key;
  void update();
}
provider.addEventListener('auth0-session-change', (event) => sync(event.detail));
await customElements.whenDefined('auth0-provider');
sync(await provider.ready);
