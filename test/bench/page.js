// One page for both SDKs: the same calls, only the bundle differs. The bench (run.mjs) opens it
// with ?sdk=ours|spa&… once; the configuration is kept in sessionStorage so the login redirect
// can come back to the bare page URL (a fixed redirect_uri).
const CONFIG_KEY = 'bench.config';
const SPA_SDK_PATH = '/node_modules/@auth0/auth0-spa-js/dist/auth0-spa-js.production.js';

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

async function loadSdk() {
  if (config.sdk === 'ours') return import('/dist/engine.min.js');
  await loadScript(SPA_SDK_PATH);
  return window.auth0;
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function start() {
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
    await client.getTokenSilently(); // warm-up; also proves a cached token is there
    const times = [];
    const started = performance.now();
    while (times.length < calls && performance.now() - started < maxMs) {
      const before = performance.now();
      await client.getTokenSilently();
      times.push(performance.now() - before);
    }
    const elapsedMs = performance.now() - started;
    times.sort((a, b) => a - b);
    // The smallest step performance.now() shows here (5 µs when cross-origin isolated, else 100 µs).
    const steps = times.map((t, i) => t - (times[i - 1] ?? 0)).filter((d) => d > 1e-9);
    return {
      timerResolutionUs: steps.length ? Math.round(Math.min(...steps) * 1000) : undefined,
      calls: times.length,
      perSecond: (times.length / elapsedMs) * 1000,
      p50Us: percentile(times, 50) * 1000,
      p99Us: percentile(times, 99) * 1000,
    };
  },

  /** Marks every cached access token as expired (refresh tokens stay), in localStorage. */
  expireCachedTokens() {
    let expired = 0;
    for (const key of Object.keys(localStorage)) {
      if (!key.startsWith('@@auth0spajs@@') || key.endsWith('@@user@@')) continue;
      const entry = JSON.parse(localStorage.getItem(key));
      if (entry && typeof entry === 'object' && 'expiresAt' in entry) {
        entry.expiresAt = 0;
        localStorage.setItem(key, JSON.stringify(entry));
        expired += 1;
      }
    }
    return expired;
  },

  /** N concurrent getTokenSilently calls; counts the ones that failed and how. */
  async burst(count) {
    const { client } = await ready;
    const results = await Promise.allSettled(Array.from({ length: count }, () => client.getTokenSilently()));
    const errors = results.filter((r) => r.status === 'rejected').map((r) => r.reason?.error ?? String(r.reason));
    return { calls: count, errors };
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
};
