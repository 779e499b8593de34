// Helpers of the refresh-token tests: token requests as the tenant counted them, other tabs of the
// same browser, and observers that watch what crosses the page's edges (fetch, worker messages)
// without changing it.
import { executeServerCommand } from '@web/test-runner-commands';
import { tenant } from '../../support/tenant.js';
import { facts } from '../engine/helpers.js';

export { cleanSlate, facts, failure, inspectableCache, jwtPayload, newClient, nextFixtureMessage, popupLogin, tenantSession } from '../engine/helpers.js';
export type { TenantUser } from '../engine/helpers.js';

export interface TokenRecord {
  method: string;
  path: string;
  status: number;
  grantType?: string;
  audience?: string;
  scope?: string;
  dpop?: string;
}

/** The POSTs to /oauth/token the tenant received since the last `resetRequests`. */
export function tokenRequests(filter: Partial<TokenRecord> = {}): Promise<TokenRecord[]> {
  return tenant.control<TokenRecord[]>('tokenRequests', filter);
}

/** The refresh-token grants the tenant received since the last `resetRequests`. */
export const refreshGrants = () => tokenRequests({ grantType: 'refresh_token' });

/**
 * Marks every cached access token in localStorage as expired (refresh tokens stay), as the bench
 * does — as another tab's write would: with the `storage` event that tells the engines of this
 * page (their parsed copy of the cache) that the entry changed.
 */
export function expireLocalStorageTokens(): number {
  let expired = 0;
  for (const key of Object.keys(localStorage)) {
    if (!key.startsWith('@@auth0spajs@@') || key.endsWith('@@user@@')) continue;
    const oldValue = localStorage.getItem(key)!;
    const entry = JSON.parse(oldValue);
    if (entry && typeof entry === 'object' && 'expiresAt' in entry) {
      entry.expiresAt = 0;
      const newValue = JSON.stringify(entry);
      localStorage.setItem(key, newValue);
      dispatchEvent(new StorageEvent('storage', { key, oldValue, newValue, storageArea: localStorage, url: location.href }));
      expired += 1;
    }
  }
  return expired;
}

/** The engine's localStorage entries of the test client, parsed: key → {body, expiresAt}. */
export async function localStorageEntries(): Promise<Map<string, any>> {
  const { clientId } = await facts();
  const entries = new Map<string, any>();
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith(`@@auth0spajs@@::${clientId}::`)) entries.set(key, JSON.parse(localStorage.getItem(key)!));
  }
  return entries;
}

/** Another tab of the test browser on a same-origin fixture page. */
export class Tab {
  private constructor(readonly id: number) {}

  static async open(path: string, query: Record<string, string> = {}): Promise<Tab> {
    const url = new URL(path, location.origin);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const tab = new Tab(await executeServerCommand<number, { url: string }>('open-tab', { url: url.href }) as number);
    return tab;
  }

  /** Evaluates `expression` in the tab (promises are awaited). */
  eval<T = any>(expression: string): Promise<T> {
    return executeServerCommand('tab-eval', { tab: this.id, expression }) as Promise<T>;
  }

  close(): Promise<unknown> {
    return executeServerCommand('close-tab', { tab: this.id });
  }
}

/** Opens the refresh fixture page (an engine driven through `window.tab`) and waits for its session check. */
export async function engineTab(options: Record<string, string> = {}): Promise<Tab> {
  const { domain, clientId } = await facts();
  const tab = await Tab.open('/test/fixtures/refresh/tab.html', { domain, clientId, ...options });
  // The fixture's module may still be loading the engine when the page's load event fires.
  await tab.eval('new Promise((resolve) => { const ready = () => (window.tab ? resolve(window.tab.ready()) : setTimeout(ready, 20)); ready(); })');
  return tab;
}

export interface SeenRequest {
  url: string;
  contentType: string | null;
  body: string;
  responseText: string;
}

/**
 * Records what the page's own `fetch` sends to the tenant's `/oauth/*` and what comes back,
 * passing every call through unchanged. Call `stop()` when done.
 */
export function watchPageFetch(): { seen: SeenRequest[]; stop(): void } {
  const original = window.fetch;
  const seen: SeenRequest[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await original(input, init);
    const url = String(input instanceof Request ? input.url : input);
    if (new URL(url).pathname.startsWith('/oauth/')) {
      const headers = new Headers(init?.headers);
      seen.push({ url, contentType: headers.get('content-type'), body: String(init?.body ?? ''), responseText: await response.clone().text() });
    }
    return response;
  };
  return { seen, stop: () => void (window.fetch = original) };
}

/**
 * Records every message that reaches the page from a worker or a MessagePort (the worker's
 * answers travel on MessagePorts), by listening ahead of the engine's own handlers.
 */
export function watchPortMessages(): { messages: unknown[]; stop(): void } {
  const messages: unknown[] = [];
  const descriptor = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage')!;
  Object.defineProperty(MessagePort.prototype, 'onmessage', {
    configurable: true,
    get: descriptor.get,
    set(handler: ((event: MessageEvent) => void) | null) {
      descriptor.set!.call(this, handler && ((event: MessageEvent) => (messages.push(event.data), handler.call(this, event))));
    },
  });
  return { messages, stop: () => Object.defineProperty(MessagePort.prototype, 'onmessage', descriptor) };
}

/** Every string value in `value`, deeply (for "no refresh token anywhere" checks). */
export function allKeysDeep(value: unknown, keys = new Set<string>()): Set<string> {
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      keys.add(key);
      allKeysDeep(inner, keys);
    }
  }
  return keys;
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
