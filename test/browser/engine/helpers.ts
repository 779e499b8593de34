// Shared helpers of the engine tests: the tenant's facts, clients on the test tenant, a real
// login through the tenant's login page, caches the tests can look into, and a clean slate.
import { tenant } from '../../support/tenant.js';
import { Auth0Client, type Auth0ClientOptions, type ICache } from '../../../src/index.js';

export interface TenantUser {
  username: string;
  password: string;
  sub: string;
  name: string;
  email: string;
}

export interface Facts {
  domain: string;
  issuer: string;
  clientId: string;
  apis: { default: string; analytics: string; admin: string };
  users: Record<'alice' | 'bob' | 'mallory', TenantUser>;
  organizations: Record<'acme' | 'globex', { id: string; name: string }>;
}

export async function facts(): Promise<Facts> {
  const info = (await tenant.info()) as any;
  return {
    domain: info.domain,
    issuer: info.issuer,
    clientId: info.clients.spa.clientId,
    apis: info.apis,
    users: info.users,
    organizations: info.organizations,
  };
}

/** A client of the test tenant's SPA application; `options` override the defaults. */
export async function newClient(options: Partial<Auth0ClientOptions> = {}): Promise<Auth0Client> {
  const { domain, clientId } = await facts();
  return new Auth0Client({ domain, clientId, ...options });
}

/** A cache the test can look into: a Map behind the ICache interface, sync or async, with or without allKeys. */
export function inspectableCache({ async = false, allKeys = true } = {}): ICache & { entries: Map<string, any> } {
  const entries = new Map<string, any>();
  const answer = <T>(value: T) => (async ? Promise.resolve(value) : value);
  const cache: ICache & { entries: Map<string, any> } = {
    entries,
    get: (key: string) => answer(structuredClone(entries.get(key))) as any,
    set: (key: string, value: unknown) => answer(void entries.set(key, structuredClone(value))) as any,
    remove: (key: string) => answer(void entries.delete(key)) as any,
  };
  if (allKeys) cache.allKeys = () => answer([...entries.keys()]) as any;
  return cache;
}

/** Logs `user` in through the popup and the tenant's real login page. */
export async function popupLogin(client: Auth0Client, user: keyof Facts['users'] = 'alice', options: Parameters<Auth0Client['loginWithPopup']>[0] = {}) {
  const { users } = await facts();
  const done = client.loginWithPopup(options);
  await tenant.login(users[user].username, users[user].password);
  await done;
}

/** Forgets every session: the tenant's, the browser's cookies, and what the engine left in storage. */
export async function cleanSlate(): Promise<void> {
  await tenant.control('clearFaults');
  await tenant.control('endAllSessions');
  await tenant.clearCookies();
  for (const storage of [localStorage, sessionStorage]) {
    for (const key of Object.keys(storage)) if (key.startsWith('@@auth0spajs@@') || key.startsWith('a0.spajs.txs.')) storage.removeItem(key);
  }
}

/** Every error class and code in one object, for deep-equal assertions. */
export async function failure(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection, got success');
}

/** The next message of `type` posted by a same-origin fixture page. */
export function nextFixtureMessage<T = any>(type: string, timeoutMs = 15_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      window.removeEventListener('message', listener);
      reject(new Error(`no ${type} message within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (event: MessageEvent) => {
      if (event.origin !== location.origin || event.data?.type !== type) return;
      clearTimeout(timer);
      window.removeEventListener('message', listener);
      resolve(event.data);
    };
    window.addEventListener('message', listener);
  });
}

/** A visible iframe for redirect flows (full-page redirects cannot happen in the test page itself). */
export function frame(): HTMLIFrameElement {
  const iframe = document.createElement('iframe');
  iframe.style.width = '600px';
  iframe.style.height = '500px';
  document.body.append(iframe);
  return iframe;
}

/** Where the redirect tests send the tenant's answer: a page that posts its URL back. */
export const CALLBACK_PAGE = `${location.origin}/test/fixtures/engine/callback.html`;

/** Gives the browser a tenant session (a login in a popup, on a throwaway client). */
export async function tenantSession(user: keyof Facts['users'] = 'alice'): Promise<void> {
  await popupLogin(await newClient(), user);
}

/** The JSON payload of a JWT (for looking at access tokens in tests only). */
export function jwtPayload(token: string): any {
  return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
}

/** Requests the tenant saw for `path` since the last resetRequests. */
export async function requestsTo(path: string): Promise<Array<{ method: string; path: string; status: number }>> {
  return tenant.control('requests', { path });
}
