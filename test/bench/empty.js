// The cold-start limit: the same "navigation → script ran" time as page.js, with no SDK at all.
const readyAtMs = performance.now();
window.bench = { ready: async () => ({ authenticated: true, readyAtMs }) };
