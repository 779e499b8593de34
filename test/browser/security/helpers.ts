// Shared helpers of the security tests: a signed-in page to inject hostile markup into, and the
// network edge (test/support/security-plugin.mjs) that shows what left the browser.
import { oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { tenant } from '../../support/tenant.js';
import { mountProvider, nextStatus, signOutEverywhere } from '../elements/helpers.js';
import type { Auth0Fetch, Auth0Provider } from '../../../components/index.js';

export interface EdgeRequest {
  method: string;
  path: string;
  query?: string;
  headers: Record<string, string>;
  body?: string;
}

export const edge = {
  /** `evil`: the attacker's stand-in origin; `api`: another API origin a page owner may allow. */
  info: () => executeServerCommand('security-info') as Promise<{ evil: string; api: string }>,
  requests: (server: 'evil' | 'api' | 'self') => executeServerCommand('security-requests', { server }) as Promise<EdgeRequest[]>,
  reset: () => executeServerCommand('security-reset') as Promise<boolean>,
};

export interface Info {
  apis: Record<'default' | 'analytics' | 'admin', string>;
  users: Record<'alice', { username: string; password: string; sub: string }>;
  clients: { spa: { clientId: string } };
  domain: string;
  issuer: string;
  apiUrl: string;
}

export const info = async () => (await tenant.info()) as unknown as Info;

/** A fresh start: no session anywhere, no records at the edge, no tenant faults. */
export async function clean(): Promise<void> {
  await signOutEverywhere();
  await tenant.control('clearFaults');
  await edge.reset();
}

/** A provider with `attributes`, signed in as alice through the tenant's login page (popup). */
export async function signedIn(attributes: Record<string, string> = {}, inner = ''): Promise<Auth0Provider> {
  const { users } = await info();
  const { provider, ready } = await mountProvider(inner, attributes);
  await ready;
  const authenticated = nextStatus(provider, 'authenticated');
  const login = provider.client!.loginWithPopup();
  await tenant.login(users.alice.username, users.alice.password);
  await login;
  await authenticated;
  await tenant.control('resetRequests');
  await edge.reset();
  return provider;
}

/** What an attacker with HTML only does: markup into the page through innerHTML (no script runs). */
export function inject(into: Element, markup: string): HTMLElement {
  const block = document.createElement('div');
  into.append(block);
  block.innerHTML = markup;
  return block;
}

/** The `auth0-error` an injected `<auth0-fetch>` fires (listened for before it can fire). */
export function fetchError(block: HTMLElement): Promise<CustomEvent> {
  return oneEvent(block, 'auth0-error');
}

export const fetchIn = (root: Element) => root.querySelector('auth0-fetch') as Auth0Fetch;

/** The error part of an `<auth0-fetch>`, when it is shown. */
export function shownError(element: Auth0Fetch): string | undefined {
  const part = element.shadowRoot!.querySelector('[part=error]') as HTMLElement;
  return part.checkVisibility() ? part.textContent ?? '' : undefined;
}

/** Every string a token could hide in, in one request as it crossed the edge. */
export const wire = (request: EdgeRequest) => JSON.stringify([request.path, request.query, request.headers, request.body]);

/** Lets requests already under way reach the edge before asserting that none came. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
