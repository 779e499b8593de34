// Shared helpers of the element tests: a provider on the test tenant, a real sign-in through the
// tenant's login page, and a scan of everything the page shows.
import { fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { tenant } from '../../support/tenant.js';
import '../../../components/index.js';
import type { Auth0Provider } from '../../../components/index.js';

export interface TestUser {
  username: string;
  password: string;
  name: string;
  email: string;
  sub: string;
}

export interface TenantFacts {
  domain: string;
  issuer: string;
  clientId: string;
  users: Record<'alice' | 'bob' | 'mallory', TestUser>;
  organizations: Record<string, { id: string; name: string }>;
}

export async function facts(): Promise<TenantFacts> {
  const info = (await tenant.info()) as any;
  return {
    domain: info.domain,
    issuer: info.issuer,
    clientId: info.clients.spa.clientId,
    users: info.users,
    organizations: info.organizations,
  };
}

export const EVENT_TYPES = ['auth0-ready', 'auth0-session-change', 'auth0-redirect-callback', 'auth0-error', 'auth0-login'] as const;

export interface RecordedEvent {
  type: string;
  detail: any;
  bubbles: boolean;
  composed: boolean;
  target: EventTarget | null;
}

/** Records every public event that reaches `target`. */
export function recordEvents(target: EventTarget): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  for (const type of EVENT_TYPES) {
    target.addEventListener(type, (event) => {
      const { detail, bubbles, composed } = event as CustomEvent;
      events.push({ type, detail, bubbles, composed, target: event.target });
    });
  }
  return events;
}

/**
 * Mounts `<auth0-provider>` on the test tenant with `inner` as its content. Listeners for the
 * first `auth0-ready` and a recorder of every public event are in place before it connects.
 */
export async function mountProvider(
  inner = '',
  attributes: Record<string, string> = {},
  setup: (provider: Auth0Provider) => void = () => {},
) {
  const { domain, clientId } = await facts();
  const provider = document.createElement('auth0-provider') as Auth0Provider;
  provider.setAttribute('domain', domain);
  provider.setAttribute('client-id', clientId);
  for (const [name, value] of Object.entries(attributes)) provider.setAttribute(name, value);
  provider.innerHTML = inner;
  setup(provider);
  const events = recordEvents(provider);
  const ready = oneEvent(provider, 'auth0-ready');
  const container = await fixture(html`<div></div>`);
  container.append(provider);
  return { provider, ready, events };
}

/** Resolves with the next `auth0-session-change` of `target` whose status is `status`. */
export function nextStatus(target: EventTarget, status: string): Promise<CustomEvent> {
  return new Promise((resolve) => {
    target.addEventListener('auth0-session-change', function listen(event) {
      if ((event as CustomEvent).detail.status !== status) return;
      target.removeEventListener('auth0-session-change', listen);
      resolve(event as CustomEvent);
    });
  });
}

/** Collects `console.warn` lines while `run` runs (the real console still gets them). */
export async function captureWarnings<T>(run: () => Promise<T>): Promise<{ result: T; warnings: string[] }> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
    original.apply(console, args);
  };
  try {
    return { result: await run(), warnings };
  } finally {
    console.warn = original;
  }
}

/** The element's `<button>` in its shadow root. */
export const buttonOf = (element: Element) => element.shadowRoot!.querySelector('button')!;

/** True when the element shows something: a rendered, visible box. */
export const isShown = (element: Element) => {
  const button = element.shadowRoot?.querySelector('button');
  return button ? button.checkVisibility() : element.checkVisibility();
};

/**
 * Signs `username` in for real: a popup login button activated from the keyboard, the tenant's
 * login page filled in, and the session established. Leaves the tenant session cookie behind, so
 * providers mounted afterwards find the session on load.
 */
export async function signIn(username: keyof TenantFacts['users'] = 'alice'): Promise<Auth0Provider> {
  const { users } = await facts();
  const { provider, ready } = await mountProvider('<auth0-login-button mode="popup" always></auth0-login-button>');
  await ready;
  const authenticated = nextStatus(provider, 'authenticated');
  buttonOf(provider.querySelector('auth0-login-button')!).focus();
  await sendKeys({ press: 'Enter' });
  await tenant.login(users[username].username, users[username].password);
  await authenticated;
  return provider;
}

/** Forgets every session: the tenant's and this page's. */
export async function signOutEverywhere(): Promise<void> {
  await tenant.clearCookies();
  await tenant.control('endAllSessions');
  localStorage.clear();
  sessionStorage.clear();
}

/**
 * Every string the page exposes: attribute values and text, through open shadow roots and
 * same-origin iframes.
 */
export function visibleStrings(root: Node = document): string[] {
  const out: string[] = [];
  const visit = (node: Node) => {
    if (node instanceof Element) {
      for (const attribute of node.attributes) out.push(attribute.value);
      if (node.shadowRoot) visit(node.shadowRoot);
      if (node instanceof HTMLIFrameElement) {
        try {
          if (node.contentDocument) visit(node.contentDocument);
        } catch {
          /* another origin: not this page's DOM */
        }
      }
    } else if (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.COMMENT_NODE) {
      out.push(node.nodeValue ?? '');
    }
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return out;
}
