// One page for both SDKs: the same calls, only the bundle differs. The bench (run.mjs) opens it
// with ?sdk=ours|spa&… once; the configuration is kept in sessionStorage so the login redirect
// can come back to the bare page URL (a fixed redirect_uri). The limits (what the platform costs
// with no SDK at all) and oidc-client-ts are measured in the same page, in the same loops.
const CONFIG_KEY = 'bench.config';
const SPA_SDK_PATH = '/node_modules/@auth0/auth0-spa-js/dist/auth0-spa-js.production.js';
const OIDC_CLIENT_PATH = '/node_modules/oidc-client-ts/dist/browser/oidc-client-ts.min.js';

const query = new URLSearchParams(location.search);
if (query.has('sdk')) {
  sessionStorage.setItem(CONFIG_KEY, JSON.stringify(Object.fromEntries(query)));
}
const config = JSON.parse(sessionStorage.getItem(CONFIG_KEY) ?? '{}');

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

/** The SDK page.html's tag loaded (the same module, or the classic script's global). */
async function loadSdk() {
  if (config.sdk === 'ours') return window.benchEngine ?? import('/dist/engine.min.js');
  if (!window.auth0) await loadScript(SPA_SDK_PATH);
  return window.auth0;
}

/**
 * `call` awaited in a loop, bounded by count and time: calls per second from a loop that only
 * counts (the clock read every 256 calls: timing each call would cost more than some calls), then
 * latency percentiles from a second, shorter loop that times each call.
 */
async function timedLoop(call, calls, maxMs) {
  let counted = 0;
  const started = performance.now();
  let elapsedMs = 0;
  while (counted < calls) {
    await call();
    counted += 1;
    if (counted % 256 === 0 && (elapsedMs = performance.now() - started) >= maxMs) break;
  }
  elapsedMs = performance.now() - started;
  const times = [];
  const timedStart = performance.now();
  while (times.length < Math.min(calls, 20000) && performance.now() - timedStart < maxMs / 2) {
    const before = performance.now();
    await call();
    times.push(performance.now() - before);
  }
  times.sort((a, b) => a - b);
  // The smallest step performance.now() shows here (5 µs when cross-origin isolated, else 100 µs).
  const steps = times.map((t, i) => t - (times[i - 1] ?? 0)).filter((d) => d > 1e-9);
  return {
    timerResolutionUs: steps.length ? Math.round(Math.min(...steps) * 1000) : undefined,
    calls: counted,
    perSecond: (counted / elapsedMs) * 1000,
    p50Us: percentile(times, 50) * 1000,
    p99Us: percentile(times, 99) * 1000,
  };
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function start() {
  // The cold start's split: what came before this script ran (the SDK's tag), and what follows.
  performance.mark('bench:page');
  // The cold start's limit: this page, its script run, no SDK.
  if (config.sdk === 'none') return { authenticated: true, readyAtMs: performance.now() };
  const sdk = await loadSdk();
  const client = await sdk.createAuth0Client({
    domain: config.domain,
    clientId: config.clientId,
    cacheLocation: config.cache ?? 'localstorage',
    useRefreshTokens: config.refresh === '1',
    useDpop: config.dpop === '1',
    authorizationParams: {
      redirect_uri: `${location.origin}${location.pathname}`,
      ...(config.audience ? { audience: config.audience } : {}),
    },
  });
  if (new URLSearchParams(location.search).has('code')) {
    await client.handleRedirectCallback();
    history.replaceState(null, '', location.pathname);
  }
  const authenticated = await client.isAuthenticated();
  // performance.now() counts from navigation start: this is "load → authenticated state known".
  const readyAtMs = performance.now();
  return { sdk, client, authenticated, readyAtMs };
}

const ready = start();

window.bench = {
  ready: () => ready.then(({ authenticated, readyAtMs }) => ({ authenticated, readyAtMs })),
  crossOriginIsolated: () => self.crossOriginIsolated,
  login: async () => (await ready).client.loginWithRedirect(),

  /** getTokenSilently answered from the cache, bounded by count and time. */
  async cachedTokenLoop({ calls, maxMs }) {
    const { client } = await ready;
    if (!(await client.getTokenSilently())) throw new Error('no cached token'); // warm-up
    return timedLoop(() => client.getTokenSilently(), calls, maxMs);
  },

  /** The limit of a cache read behind an async API: a Map lookup behind `await`, in the same loop. */
  async mapLookupLoop({ calls, maxMs }) {
    const map = new Map([['token', 'x'.repeat(900)]]);
    const read = async () => map.get('token');
    return timedLoop(read, calls, maxMs);
  },

  /**
   * oidc-client-ts's cached `getUser()` (its user store: localStorage or in memory), holding a user
   * made of this page's own tokens — the read a page makes on every call for a token.
   */
  async oidcGetUserLoop({ calls, maxMs, cache }) {
    const { client } = await ready;
    await loadScript(OIDC_CLIENT_PATH);
    const { UserManager, User, WebStorageStateStore, InMemoryWebStorage } = window.oidc;
    const { access_token, id_token, expires_in } = await client.getTokenSilently({ detailedResponse: true });
    const store = cache === 'memory' ? new InMemoryWebStorage() : localStorage;
    const manager = new UserManager({
      authority: config.domain,
      client_id: config.clientId,
      redirect_uri: `${location.origin}${location.pathname}`,
      userStore: new WebStorageStateStore({ store }),
    });
    const profile = await client.getUser();
    await manager.storeUser(new User({ access_token, id_token, token_type: 'Bearer', scope: 'openid profile email', profile, expires_at: Math.floor(Date.now() / 1000) + expires_in }));
    if (!(await manager.getUser())?.access_token) throw new Error('oidc-client-ts: no stored user');
    try {
      return await timedLoop(() => manager.getUser(), calls, maxMs);
    } finally {
      await manager.removeUser();
    }
  },
  /** Marks every cached access token as expired (refresh tokens stay), in localStorage. */
  expireCachedTokens() {
    let expired = 0;
    for (const key of Object.keys(localStorage)) {
      if (!key.startsWith('@@auth0spajs@@') || key.endsWith('@@user@@')) continue;
      const entry = JSON.parse(localStorage.getItem(key));
      if (entry && typeof entry === 'object' && 'expiresAt' in entry) {
        entry.expiresAt = 0;
        const oldValue = localStorage.getItem(key);
        const newValue = JSON.stringify(entry);
        localStorage.setItem(key, newValue);
        // What another tab's write would deliver: the engine's parsed copy learns of the change.
        dispatchEvent(new StorageEvent('storage', { key, oldValue, newValue, storageArea: localStorage, url: location.href }));
        expired += 1;
      }
    }
    return expired;
  },

  /**
   * N concurrent getTokenSilently calls, started at `at` (a `Date.now()` time shared by the tabs,
   * so that they start together); counts the ones that failed and how, and the time from the
   * start to the last answer.
   */
  async burst(count, at = Date.now()) {
    const { client } = await ready;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
    const started = performance.now();
    const results = await Promise.allSettled(Array.from({ length: count }, () => client.getTokenSilently()));
    const elapsedMs = performance.now() - started;
    const errors = results.filter((r) => r.status === 'rejected').map((r) => r.reason?.error ?? String(r.reason));
    return { calls: count, errors, elapsedMs };
  },

  /**
   * The limit of a refresh burst: one refresh-token grant as a bare `fetch`, with the refresh token
   * the SDK keeps in localStorage (or `refreshToken`, the previous sample's rotated one); the
   * answer is not stored.
   */
  async bareRefreshGrant(refreshToken) {
    if (!refreshToken) {
      const key = Object.keys(localStorage).find((k) => k.startsWith('@@auth0spajs@@') && JSON.parse(localStorage.getItem(k))?.body?.refresh_token);
      if (!key) throw new Error('no refresh token in localStorage');
      refreshToken = JSON.parse(localStorage.getItem(key)).body.refresh_token;
    }
    const started = performance.now();
    const response = await fetch(`${config.domain}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: config.clientId, grant_type: 'refresh_token', refresh_token: refreshToken, redirect_uri: `${location.origin}${location.pathname}` }),
    });
    const body = await response.json();
    // The rotated refresh token goes back to the bench only, for the next sample; never stored.
    return { ok: response.ok, elapsedMs: performance.now() - started, refresh_token: body.refresh_token };
  },

  async supports(method) {
    const { client } = await ready;
    return typeof client[method] === 'function';
  },

  /** DPoP proofs generated per second, bounded by count and time. */
  async dpopProofLoop({ proofs, maxMs }) {
    const { client } = await ready;
    const request = { url: 'https://api.example.com/messages', method: 'GET', accessToken: 'at' };
    await client.generateDpopProof(request); // warm-up: creates the key pair
    let made = 0;
    const started = performance.now();
    while (made < proofs && performance.now() - started < maxMs) {
      await client.generateDpopProof(request);
      made += 1;
    }
    return { proofs: made, perSecond: (made / (performance.now() - started)) * 1000 };
  },

  /** The limit of a DPoP proof: one ES256 `crypto.subtle.sign` with a non-extractable key, in the same loop. */
  async signLoop({ proofs, maxMs }) {
    const { privateKey } = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const data = new TextEncoder().encode('x'.repeat(300));
    let made = 0;
    const started = performance.now();
    while (made < proofs && performance.now() - started < maxMs) {
      await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, data);
      made += 1;
    }
    return { proofs: made, perSecond: (made / (performance.now() - started)) * 1000 };
  },
};
