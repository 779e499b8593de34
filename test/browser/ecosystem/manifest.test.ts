// custom-elements.json against the live elements (issue 14): what editors, the JSX / Vue typings
// and the docs page read must be what each element really has — its observed attributes, the
// custom properties its adopted style sheets use, and the parts and slots it renders, signed out
// and signed in.
import { expect } from '@open-wc/testing';
// The main entry alone: it defines every element of the manifest.
import '../../../components/index.js';
import { tenant } from '../../support/tenant.js';
import { facts, mountProvider, nextStatus, signOutEverywhere } from '../elements/helpers.js';

interface Named {
  name: string;
}
interface ElementDoc {
  tagName: string;
  name: string;
  attributes?: Named[];
  cssProperties?: Named[];
  cssParts?: Named[];
  slots?: Named[];
  events?: Named[];
}

async function elementDocs(): Promise<ElementDoc[]> {
  const manifest = await (await fetch('/custom-elements.json')).json();
  return manifest.modules.flatMap((mod: any) => (mod.declarations ?? []).filter((d: any) => d.customElement && d.tagName));
}

const names = (list: Named[] = []) => list.map((item) => item.name).sort();
const sorted = (set: Iterable<string>) => [...new Set(set)].sort();

/** Every `--auth0-*` custom property the element's adopted sheets read (`var(--x, …)`). */
function customProperties(element: Element): string[] {
  const text = element.shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n');
  return sorted([...text.matchAll(/var\((--[\w-]+)/g)].map((m) => m[1]));
}

/** Parts and slot names rendered in the shadow roots of every `tag` on the page. */
function rendered(tag: string, into: Map<string, { parts: Set<string>; slots: Set<string> }>) {
  for (const element of document.querySelectorAll(tag)) {
    const seen = into.get(tag) ?? { parts: new Set(), slots: new Set() };
    into.set(tag, seen);
    for (const node of element.shadowRoot?.querySelectorAll('[part]') ?? []) for (const part of node.part) seen.parts.add(part);
    for (const slot of element.shadowRoot?.querySelectorAll('slot') ?? []) seen.slots.add(slot.name);
  }
}

// Every element, with the attributes that make it render each of its pieces.
const PAGE = `
  <auth0-login-button></auth0-login-button><auth0-login-button email-first></auth0-login-button>
  <auth0-logout-button></auth0-logout-button>
  <auth0-user></auth0-user><auth0-user field="nickname"></auth0-user>
  <auth0-if authenticated>signed in</auth0-if>
  <auth0-fetch trigger="click" src="/nowhere"></auth0-fetch>
  <auth0-connect-account connection="google-oauth2"></auth0-connect-account>
  <auth0-organization-switcher organizations="acme,globex"></auth0-organization-switcher>
  <auth0-mfa-challenge></auth0-mfa-challenge>
  <auth0-authentication-methods></auth0-authentication-methods>
  <auth0-passkey-button></auth0-passkey-button>`;
// The switcher renders one slot per organization, named after it (documented on its `@slot`).
const DYNAMIC_SLOTS: Record<string, string[]> = { 'auth0-organization-switcher': ['acme', 'globex'] };
// Renders nothing until a step-up starts: its parts and slots are compared with the manifest there
// (test/browser/mfa/mfa-challenge.test.ts); its custom properties here. The authentication methods'
// pieces depend on the user's methods and the step (enrolling, renaming): authentication-methods.test.ts.
// The passkey button's messages show in its states: test/browser/passkey/passkey-button.test.ts.
const RENDERED_DURING_A_FLOW = ['auth0-mfa-challenge', 'auth0-authentication-methods', 'auth0-passkey-button'];

describe('custom-elements.json matches the live elements', function () {
  this.timeout(60_000);
  before(signOutEverywhere);
  after(signOutEverywhere);

  it('lists every defined element, with tagName and a definition', async () => {
    const docs = await elementDocs();
    expect(docs.map((d) => d.tagName).sort()).to.deep.equal(
      ['auth0-authentication-methods', 'auth0-connect-account', 'auth0-fetch', 'auth0-if', 'auth0-login-button', 'auth0-logout-button', 'auth0-mfa-challenge', 'auth0-organization-switcher', 'auth0-passkey-button', 'auth0-provider', 'auth0-user'],
    );
    for (const doc of docs) expect(customElements.get(doc.tagName)?.name, doc.tagName).to.equal(doc.name);
  });

  it('attributes: exactly each element class’s observedAttributes', async () => {
    for (const doc of await elementDocs()) {
      const observed = (customElements.get(doc.tagName) as unknown as { observedAttributes: string[] }).observedAttributes;
      expect(names(doc.attributes), doc.tagName).to.deep.equal(sorted(observed));
    }
  });

  it('custom properties, parts and slots: exactly what the elements use and render', async () => {
    const seen = new Map<string, { parts: Set<string>; slots: Set<string> }>();
    const docs = await elementDocs();
    const signedOut = await mountProvider(PAGE);
    await signedOut.ready;
    // The email-first form is a chunk of its own: wait until it has rendered.
    const emailFirst = signedOut.provider.querySelector('auth0-login-button[email-first]')!;
    for (const deadline = Date.now() + 10_000; !emailFirst.shadowRoot?.querySelector('form') && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 20));
    for (const doc of docs) {
      const element = doc.tagName === 'auth0-provider' ? signedOut.provider : signedOut.provider.querySelector(doc.tagName)!;
      await (element as any).updateComplete;
      expect(customProperties(element), `${doc.tagName} custom properties`).to.deep.equal(names(doc.cssProperties));
      rendered(doc.tagName, seen);
    }
    // Signed in to an organization of the list: the switcher marks the current one.
    const { organizations, users } = await facts();
    const authenticated = nextStatus(signedOut.provider, 'authenticated');
    const login = signedOut.provider.client!.loginWithPopup({ authorizationParams: { organization: organizations.globex.id } });
    await tenant.login(users.alice.username, users.alice.password);
    await login;
    await authenticated;
    const signedIn = signedOut;
    for (const doc of docs) {
      if (doc.tagName !== 'auth0-provider') await (signedIn.provider.querySelector(doc.tagName) as any).updateComplete;
      rendered(doc.tagName, seen);
    }
    for (const doc of docs) {
      const { parts = new Set<string>(), slots = new Set<string>() } = seen.get(doc.tagName) ?? {};
      const dynamic = DYNAMIC_SLOTS[doc.tagName] ?? [];
      if (RENDERED_DURING_A_FLOW.includes(doc.tagName)) continue;
      expect(sorted(parts), `${doc.tagName} parts`).to.deep.equal(names(doc.cssParts));
      expect(sorted([...slots].filter((s) => !dynamic.includes(s))), `${doc.tagName} slots`).to.deep.equal(names(doc.slots));
    }
  });
});
