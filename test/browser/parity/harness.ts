// The differential layer: one scenario, run once on the real @auth0/auth0-spa-js 2.28.3 and once
// on our engine, each in a fresh same-origin iframe (its own realm: module map, timers, workers,
// BroadcastChannels, all gone when the frame is removed) after a clean slate (tenant sessions,
// faults and request log, cookies, localStorage, sessionStorage, IndexedDB). What an app can
// observe is recorded on both sides and compared; any difference fails and prints both sides.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type * as Spa from '@auth0/auth0-spa-js';
import { tenant } from '../../support/tenant.js';

/** The SDK's entry module, as an app imports it (ours is handed over under the same type). */
export type Lib = typeof Spa;
export type Side = 'sdk' | 'ours';

export interface Facts {
  domain: string;
  issuer: string;
  clientId: string;
  apis: { default: string; analytics: string; admin: string; [key: string]: string };
  users: Record<'alice' | 'bob' | 'mallory', { username: string; password: string; sub: string; name: string; email: string }>;
  organizations: Record<'acme' | 'globex', { id: string; name: string }>;
  tokenExchange: { subjectTokenType: string; sampleSubjectToken: string };
}

export async function facts(): Promise<Facts> {
  const info = (await tenant.info()) as any;
  return { ...info, clientId: info.clients.spa.clientId };
}

/** What a scenario gets: the side's SDK module, its window, and helpers that act like a user. */
export interface Env {
  side: Side;
  lib: Lib;
  win: Window;
  facts: Facts;
  /** `new lib.Auth0Client({domain, clientId, ...options})`; the last client made is the one observed after. */
  client(options?: Partial<Spa.Auth0ClientOptions>): Spa.Auth0Client;
  /** `lib.createAuth0Client(...)` with the same defaults (the client is observed even if it rejects later). */
  create(options?: Partial<Spa.Auth0ClientOptions>): Promise<Spa.Auth0Client>;
  /** A popup login filled in on the tenant's page. */
  popupLogin(client: Spa.Auth0Client, user?: keyof Facts['users'], options?: Spa.PopupLoginOptions): Promise<void>;
  /** loginWithRedirect whose redirects run in a frame; resolves with the URL the tenant sent back. */
  redirectLogin(client: Spa.Auth0Client, user?: keyof Facts['users'], options?: Spa.RedirectLoginOptions): Promise<string>;
  /** The redirect target for redirectLogin (a page that hands its URL back). */
  callbackUrl: string;
  /** Calls tenant.control[method] (faults and switches) from inside the scenario. */
  control(method: string, ...args: unknown[]): Promise<unknown>;
  /** The same SDK loaded fresh in another frame of the origin: another tab, as far as the SDK can tell. */
  otherTab(): Promise<Lib>;
}

export interface ErrorObservation {
  /** The most derived class of the side's own module this error is an instance of. */
  class: string;
  error: unknown;
  error_description: unknown;
  message: string;
  /** Own property names beyond the ones above (state, appState, mfa_token, popup, …). */
  fields: string[];
}

export interface RequestObservation {
  method: string;
  path: string;
  status: number;
  params: Record<string, string>;
  contentType?: string;
  dpop?: true;
  /** The request carried an `Auth0-Client` header (the SDK's telemetry on token requests). */
  telemetryHeader?: true;
}

export interface Observation {
  result?: unknown;
  error?: ErrorObservation;
  after: { isAuthenticated: unknown; user: unknown } | null;
  requests: RequestObservation[];
  /** A cookie holding a JSON object (a transaction, `useCookiesForTransactions`) is compared by its shape. */
  cookies: Array<{ name: string; value: unknown; sameSite?: string; secure: boolean; session: boolean; days?: number }>;
  localStorage: Record<string, unknown>;
  sessionStorage: Record<string, unknown>;
  indexedDB: string[];
}

export type Scenario<T = unknown> = (env: Env) => Promise<T>;

// ───────────────────────── normalizing what differs by nature (random values, tokens) ─────────

const JWT = /^[\w-]+\.[\w-]+\.[\w-]*$/;
/** Parameters that are random per run on either side. */
const RANDOM = new Set(['state', 'nonce', 'code_challenge', 'anon_transfer_token', 'dpop_jkt']);

function decodeTelemetry(value: string): unknown {
  try {
    const parsed = JSON.parse(atob(value.replace(/-/g, '+').replace(/_/g, '/')));
    return { telemetry: Object.keys(parsed).sort() };
  } catch {
    return `<undecodable auth0Client ${value}>`;
  }
}

/** Tokens → `<jwt>`; other values kept (the same tenant, the same users: they must match). */
export function normalize(value: unknown, seen = new WeakSet()): unknown {
  if (value === undefined) return '<undefined>';
  if (typeof value === 'string' && /^[\w-]{32,}$/.test(value)) return '<opaque token>';
  if (typeof value === 'string') return JWT.test(value) && value.length > 40 ? '<jwt>' : value;
  if (typeof value === 'function') return '<function>';
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '<cycle>';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => normalize(v, seen));
  if (typeof (value as any).postMessage === 'function' && 'closed' in (value as any)) return '<window>';
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = normalize((value as any)[key], seen);
  return out;
}

/** A storage value's shape: keys and leaf types, not values (expiry times, tokens). */
function shape(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value;
  if (Array.isArray(value)) return value.map(shape);
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, shape((value as any)[key])]));
}

function classOf(error: unknown, lib: Record<string, unknown>, win: Window): string {
  if (!(error instanceof (win as any).Error) && !(error instanceof Error)) return `<not an Error: ${typeof error}>`;
  const proto = Object.getPrototypeOf(error);
  for (const [name, value] of Object.entries(lib)) {
    if (typeof value === 'function' && value.prototype === proto) return name;
  }
  for (const name of ['TypeError', 'RangeError', 'SyntaxError', 'DOMException', 'Error']) {
    const ctor = (win as any)[name] ?? (globalThis as any)[name];
    if (proto === ctor.prototype) return name;
  }
  return `<unexported ${proto?.constructor?.name} extends ${Object.entries(lib).find(([, v]) => typeof v === 'function' && error instanceof (v as any))?.[0] ?? 'Error'}>`;
}

function observeError(error: any, lib: Lib, win: Window): ErrorObservation {
  const known = new Set(['error', 'error_description', 'message', 'stack']);
  return {
    class: classOf(error, lib as any, win),
    error: error?.error,
    error_description: error?.error_description,
    message: String(error?.message),
    fields: Object.keys(error ?? {}).filter((key) => !known.has(key)).sort(),
  };
}

/** The requests an SDK makes itself (the login pages a person fills are the tenant's business). */
const SDK_PATHS = new Set(['/authorize', '/oauth/token', '/oauth/revoke', '/v2/logout', '/userinfo', '/.well-known/jwks.json', '/.well-known/openid-configuration']);

async function observeRequests(): Promise<RequestObservation[]> {
  const records = await tenant.control<any[]>('requests');
  return records
    .filter((r) => SDK_PATHS.has(r.path) || r.path.startsWith('/me/') || r.path.startsWith('/mfa/'))
    .filter((r) => r.method !== 'OPTIONS')
    .map((r) => {
      const params: Record<string, string> = {};
      for (const [key, value] of Object.entries<string>(r.params ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
        params[key] = RANDOM.has(key) ? '<random>' : key === 'auth0Client' ? (decodeTelemetry(value) as any) : value;
      }
      const out: RequestObservation = { method: r.method, path: r.path, status: r.status, params };
      if (r.contentType) out.contentType = r.contentType;
      if (r.dpop) out.dpop = true;
      if (r.auth0ClientHeader) out.telemetryHeader = true;
      return out;
    });
}

/** The tenant's own cookies (same host, other port: cookies ignore ports), not the app's. */
const TENANT_COOKIES = /^(auth0|_interaction|_interaction_resume)(\.sig)?$/;

/** A cookie's value; one holding a JSON object (a transaction: random state, nonce, verifier) by its shape. */
function cookieValue(value: string): unknown {
  try {
    const parsed = JSON.parse(decodeURIComponent(value));
    if (parsed && typeof parsed === 'object') return shape(parsed);
  } catch {
    /* not JSON */
  }
  return value;
}

async function observeCookies(): Promise<Observation['cookies']> {
  const cookies = (await executeServerCommand('page-cookies')) as any[];
  return cookies
    .filter((c) => !TENANT_COOKIES.test(c.name))
    .map((c) => ({
      name: c.name,
      value: cookieValue(c.value),
      sameSite: c.sameSite,
      secure: c.secure,
      session: c.session,
      ...(c.session ? {} : { days: Math.round((c.expires * 1000 - Date.now()) / 86_400_000) }),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function observeStorage(storage: Storage): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(storage).sort()) {
    if (key.startsWith('wtr')) continue;
    const raw = storage.getItem(key)!;
    let parsed: unknown = raw;
    try {
      parsed = JSON.parse(raw);
    } catch {
      /* a plain string */
    }
    out[key] = shape(parsed);
  }
  return out;
}

// ───────────────────────── a clean slate and a fresh realm per side ─────────

async function deleteDatabases(): Promise<void> {
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue;
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase(name);
      const timer = setTimeout(resolve, 2000); // blocked by a connection of a frame being torn down
      request.onsuccess = request.onerror = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

export async function cleanSlate(): Promise<void> {
  await tenant.control('clearFaults');
  await tenant.control('requireDpopNonce', false);
  await tenant.control('endAllSessions');
  await tenant.clearCookies();
  for (const storage of [localStorage, sessionStorage]) {
    for (const key of Object.keys(storage)) if (!key.startsWith('wtr')) storage.removeItem(key);
  }
  await deleteDatabases();
  await tenant.control('resetRequests');
}

export function nextMessage<T = any>(win: Window, type: string, timeoutMs = 15_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      win.removeEventListener('message', listener);
      reject(new Error(`no ${type} message within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (event: MessageEvent) => {
      if (event.origin !== location.origin || event.data?.type !== type) return;
      clearTimeout(timer);
      win.removeEventListener('message', listener);
      resolve(event.data);
    };
    win.addEventListener('message', listener);
  });
}

async function openSide(lib: string): Promise<HTMLIFrameElement> {
  const iframe = document.createElement('iframe');
  iframe.style.width = '640px';
  iframe.style.height = '520px';
  const ready = nextMessage(window, 'parity-side-ready');
  iframe.src = `/test/fixtures/parity/side.html?lib=${lib}`;
  document.body.append(iframe);
  await ready;
  return iframe;
}

/** Our side: the engine entry from src/ (side.js also takes `bundle`: dist/engine.min.js). */
const OURS = 'ours';

/** Runs `scenario` on one side in a fresh frame after a clean slate and records what an app observes. */
export async function observe<T>(side: Side, scenario: Scenario<T>, { after = true } = {}): Promise<Observation & { raw?: T }> {
  await cleanSlate();
  const iframe = await openSide(side === 'sdk' ? 'sdk' : OURS);
  const win = iframe.contentWindow! as Window & { parityLib: Lib };
  const lib = win.parityLib;
  const f = await facts();
  let last: Spa.Auth0Client | undefined;
  const defaults = () => ({ domain: f.domain, clientId: f.clientId });
  const env: Env = {
    side,
    lib,
    win,
    facts: f,
    callbackUrl: `${location.origin}/test/fixtures/parity/callback.html`,
    client(options = {}) {
      last = new lib.Auth0Client({ ...defaults(), ...options } as Spa.Auth0ClientOptions);
      return last;
    },
    create(options = {}) {
      // createAuth0Client = new Auth0Client + checkSession; make the client first so it is observed.
      const client = env.client(options);
      return client.checkSession().then(() => client);
    },
    async popupLogin(client, user = 'alice', options = {}) {
      const done = client.loginWithPopup(options);
      await tenant.login(f.users[user].username, f.users[user].password);
      await done;
    },
    async redirectLogin(client, user = 'alice', options = {}) {
      const frame = win.document.createElement('iframe');
      win.document.body.append(frame);
      const back = nextMessage<{ url: string }>(win, 'parity-callback');
      await client.loginWithRedirect({
        ...options,
        authorizationParams: { redirect_uri: env.callbackUrl, ...options.authorizationParams },
        openUrl: (url: string) => void (frame.src = url),
      });
      await tenant.login(f.users[user].username, f.users[user].password);
      const { url } = await back;
      frame.remove();
      return url;
    },
    control: (method, ...args) => tenant.control(method, ...args),
    async otherTab() {
      const frame = win.document.createElement('iframe');
      const ready = nextMessage(win, 'parity-side-ready');
      frame.src = `/test/fixtures/parity/side.html?lib=${side === 'sdk' ? 'sdk' : OURS}`;
      win.document.body.append(frame);
      await ready;
      return (frame.contentWindow as any).parityLib;
    },
  };

  const observation: Observation & { raw?: T } = {
    after: null,
    requests: [],
    cookies: [],
    localStorage: {},
    sessionStorage: {},
    indexedDB: [],
  };
  try {
    const value = await scenario(env);
    observation.raw = value;
    observation.result = normalize(value);
  } catch (error) {
    observation.error = observeError(error, lib, win);
  }
  if (after && last) {
    const settle = async (p: () => Promise<unknown>) => {
      try {
        return normalize(await p());
      } catch (error) {
        return { threw: observeError(error, lib, win) };
      }
    };
    observation.after = { isAuthenticated: await settle(() => last!.isAuthenticated()), user: await settle(() => last!.getUser()) };
  }
  observation.requests = await observeRequests();
  observation.cookies = await observeCookies();
  observation.localStorage = observeStorage(localStorage);
  observation.sessionStorage = observeStorage(sessionStorage);
  observation.indexedDB = (await indexedDB.databases()).map((db) => db.name!).sort();
  iframe.remove();
  return observation;
}

export interface ParityOptions {
  /**
   * A deliberate difference (a row of the README's "Where we differ from the SPA SDK, on
   * purpose"): asserts ours does what the row says, then aligns `ours` with `sdk` for the rest of
   * the comparison (only the parts the row covers).
   */
  deliberate?: (sdk: Observation, ours: Observation) => void;
  /** Parts of the observation that this scenario does not compare, with the reason. */
  skip?: Partial<Record<keyof Observation, string>>;
}

/**
 * The two differences every scenario with requests holds (rows of the README's table): ours
 * verifies ID-token signatures (it fetches the JWKS, the SDK does not), and ours sends no
 * `Auth0-Client` header on token requests (the SDK's costs a CORS preflight on each).
 */
function alwaysDeliberate(sdk: Observation, ours: Observation): void {
  // Not a difference an app sees: the SDK also keeps its decoder's `encoded` and `header` in the
  // stored ID-token entry, outside its own typed IdTokenEntry ({id_token, decodedToken: {claims, user}}).
  for (const entry of Object.values({ ...sdk.localStorage, ...sdk.sessionStorage }) as any[]) {
    if (entry?.decodedToken) {
      delete entry.decodedToken.encoded;
      delete entry.decodedToken.header;
    }
  }
  // Refresh tokens kept in step across tabs: ours stamps each locked cache write with a revision
  // (another tab waits until it sees it before refreshing), so no tab refreshes with a used token.
  for (const key of Object.keys(ours.localStorage).filter((k) => k.endsWith('::@@revision@@'))) {
    expect(ours.localStorage[key]).to.deep.equal({ revision: 'number' });
    delete ours.localStorage[key];
  }
  // Sessions bound to their tenant: every entry and transaction ours stores (a transaction cookie
  // too) records the tenant that issued it (the `domain` URL), and only its own tenant's are read (README table).
  for (const entry of [...Object.values({ ...ours.localStorage, ...ours.sessionStorage }), ...ours.cookies.map((c) => c.value)] as any[]) {
    for (const holder of [entry, entry?.body]) {
      if (holder && typeof holder === 'object' && 'tenant' in holder) {
        expect(holder.tenant, 'the tenant recorded with a stored entry').to.equal('string');
        delete holder.tenant;
      }
    }
  }
  ours.requests = ours.requests.filter((r) => r.path !== '/.well-known/jwks.json');
  expect(ours.requests.filter((r) => r.telemetryHeader), 'ours sends no Auth0-Client header').to.deep.equal([]);
  for (const r of sdk.requests) delete r.telemetryHeader;
}

/**
 * Runs `scenario` on the SDK, then on ours, and fails with both sides printed if what an app can
 * observe differs. Returns both observations for extra assertions.
 */
export async function parity<T>(scenario: Scenario<T>, options: ParityOptions = {}): Promise<{ sdk: Observation & { raw?: T }; ours: Observation & { raw?: T } }> {
  const sdk = await observe('sdk', scenario);
  const ours = await observe('ours', scenario);
  const compare = (o: Observation) => {
    const copy: any = structuredClone({ ...o, raw: undefined });
    delete copy.raw;
    for (const key of Object.keys(options.skip ?? {})) delete copy[key];
    return copy;
  };
  const a = compare(sdk);
  const b = compare(ours);
  alwaysDeliberate(a, b);
  options.deliberate?.(a, b);
  const left = JSON.stringify(a, null, 2);
  const right = JSON.stringify(b, null, 2);
  if (left !== right) {
    const diff: string[] = [];
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = JSON.stringify(a[key], null, 2);
      const y = JSON.stringify(b[key], null, 2);
      if (x !== y) diff.push(`── ${key}\n   SPA SDK: ${x?.replace(/\n/g, '\n   ')}\n   ours:    ${y?.replace(/\n/g, '\n   ')}`);
    }
    expect.fail(`the SPA SDK and ours differ:\n${diff.join('\n')}`);
  }
  return { sdk, ours };
}
