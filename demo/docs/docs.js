// The element reference, drawn from custom-elements.json at run time: every element with its
// attributes, properties, events, slots, parts and custom properties, and a live example on the
// local tenant. Everything from the manifest goes in as text (textContent), never as HTML.
const root = document.documentElement;
const query = new URLSearchParams(location.search);
// `npm start` fills the placeholders; a test (or your own tenant) can pass ?domain=&client_id=.
const domain = query.get('domain') ?? root.dataset.domain;
const clientId = query.get('client_id') ?? root.dataset.clientId;

/** Live examples: fixed markup of this page (not from the manifest), each in its own provider. */
const EXAMPLES = {
  'auth0-provider': '<auth0-login-button>Log in</auth0-login-button>',
  'auth0-login-button': '<auth0-login-button mode="popup">Log in in a popup</auth0-login-button>',
  'auth0-logout-button': '<auth0-logout-button>Log out</auth0-logout-button>\n<auth0-if anonymous><small>(shown once you are signed in)</small></auth0-if>',
  'auth0-user': '<auth0-user><span slot="anonymous">Not signed in</span></auth0-user>',
  'auth0-if': '<auth0-if authenticated>Members only</auth0-if>\n<auth0-if anonymous>Visitors only</auth0-if>',
  'auth0-fetch': '<auth0-fetch src="/custom-elements.json" trigger="click" as="text"><span slot="button">Load</span></auth0-fetch>',
  'auth0-connect-account': '<auth0-connect-account connection="google-oauth2">Connect Google</auth0-connect-account>',
  'auth0-organization-switcher': '<auth0-organization-switcher organizations="acme,globex"></auth0-organization-switcher>',
  'auth0-passkey-button': '<auth0-passkey-button>\n  <span slot="fallback">No passkeys in this browser: log in with a password.</span>\n</auth0-passkey-button>',
  'auth0-mfa-challenge': '<auth0-mfa-challenge for="my-fetch"></auth0-mfa-challenge>\n<small>(its form shows once the fetch with id="my-fetch" is refused with mfa_required, or on start())</small>',
  'auth0-authentication-methods': '<auth0-authentication-methods>Sign-in methods</auth0-authentication-methods>\n<auth0-if anonymous><small>(lists your factors once you are signed in)</small></auth0-if>',
};

const el = (tag, text, attributes = {}) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
};

/** A table of `rows` (objects) with `columns` ([heading, row → text]); nothing for no rows. */
function table(title, rows = [], columns) {
  const out = document.createDocumentFragment();
  if (!rows.length) return out;
  out.append(el('h3', title));
  const t = el('table');
  const head = t.createTHead().insertRow();
  for (const [heading] of columns) head.append(el('th', heading, { scope: 'col' }));
  const body = t.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const [, value] of columns) tr.insertCell().textContent = value(row) ?? '';
  }
  out.append(t);
  return out;
}

const name = (item) => item.name || '(default)';
const type = (item) => item.type?.text ?? '';
const description = (item) => item.description ?? '';

function section(doc) {
  const s = el('section', undefined, { id: doc.tagName, 'data-tag': doc.tagName });
  s.append(el('h2', `<${doc.tagName}>`), el('p', doc.summary ?? ''), el('p', doc.description ?? ''));
  const properties = (doc.members ?? []).filter((m) => m.kind === 'field' && !m.static && !m.privacy);
  const methods = (doc.members ?? []).filter((m) => m.kind === 'method' && !m.static && !m.privacy);
  s.append(
    table('Attributes', doc.attributes, [['Attribute', name], ['Property', (a) => a.fieldName], ['Type', type], ['Default', (a) => a.default], ['Description', description]]),
    table('Properties', properties, [['Property', name], ['Type', type], ['Attribute', (p) => p.attribute], ['Description', description]]),
    table('Methods', methods, [['Method', (m) => `${m.name}()`], ['Description', description]]),
    table('Events', doc.events, [['Event', name], ['Detail', type], ['Description', description]]),
    table('Slots', doc.slots, [['Slot', name], ['Description', description]]),
    table('Parts', doc.cssParts, [['::part()', name], ['Description', description]]),
    table('Custom properties', doc.cssProperties, [['Property', name], ['Description', description]]),
  );
  const markup = EXAMPLES[doc.tagName];
  if (!customElements.get(doc.tagName)) {
    // Not in the one-file bundle this page loads: the element has its own module.
    const name = doc.tagName.replace(/^auth0-/, '');
    s.append(el('p', `Defined by its own module, not by the one-file bundle: import 'auth0-elements/define/${name}.js'.`, { class: 'own-module' }));
  } else if (markup) {
    const attributes = `domain="${domain}" client-id="${clientId}"`;
    s.append(el('h3', 'Example'), el('pre', `<auth0-provider ${attributes}>\n  ${markup.replaceAll('\n', '\n  ')}\n</auth0-provider>`));
    const live = el('div', undefined, { class: 'live' });
    const provider = el('auth0-provider', undefined, { domain, 'client-id': clientId });
    provider.innerHTML = markup; // this page's own fixed markup
    live.append(provider);
    s.append(live);
  }
  return s;
}

const container = document.getElementById('elements');
try {
  const manifest = await (await fetch('/custom-elements.json')).json();
  const docs = manifest.modules.flatMap((mod) => (mod.declarations ?? []).filter((d) => d.customElement && d.tagName));
  docs.sort((a, b) => (a.tagName === 'auth0-provider' ? -1 : b.tagName === 'auth0-provider' ? 1 : a.tagName.localeCompare(b.tagName)));
  container.replaceChildren(...docs.map(section));
  document.getElementById('toc').append(...docs.map((d) => el('a', `<${d.tagName}>`, { href: `#${d.tagName}` })));
} catch (error) {
  container.replaceChildren(el('p', `Could not read custom-elements.json: ${error.message}`, { role: 'alert' }));
} finally {
  container.removeAttribute('aria-busy');
  root.dataset.ready = 'true';
}
