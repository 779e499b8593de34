#!/usr/bin/env node
// npm run bench: our bundles and the SPA SDK's published bundle, in the same headless Chromium,
// against the same local tenant, with the same calls, in one run. Prints one table (ours, theirs,
// ratio) and writes it as JSON; a full run also rewrites test/bench/RESULTS.md.
// `--smoke` runs every row with tiny counts (part of npm test, so the bench cannot rot).
// Every loop is bounded by a count and a time limit.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import puppeteer from 'puppeteer-core';
import { startTenant } from '../../demo/tenant/index.js';
import { findChrome, chromeArgs } from '../support/chrome.mjs';
import { ensureSpaSdk, SPA_SDK_BUNDLE, SPA_SDK_VERSION } from './spa-sdk.mjs';
import { startStaticServer } from './static-server.mjs';
import { sizeRows } from './sizes.mjs';
import { verifyAccessTokenRate } from './verify-rate.mjs';
import { formatTable, ratioOf } from './table.mjs';

const smoke = process.argv.includes('--smoke');
const N = smoke
  ? { cacheCalls: 200, cacheMs: 1000, burst: 5, tabs: 2, perTab: 3, coldLoads: 2, proofs: 20, proofMs: 1000, verify: 20, verifyMs: 1000 }
  : { cacheCalls: 200000, cacheMs: 5000, burst: 50, tabs: 3, perTab: 20, coldLoads: 10, proofs: 3000, proofMs: 5000, verify: 5000, verifyMs: 5000 };
const STEP_TIMEOUT_MS = 30_000;
const SDKS = ['ours', 'spa'];

const root = new URL('../../', import.meta.url).pathname;
ensureSpaSdk();
const site = await startStaticServer(root);
const tenant = await startTenant({ port: 0, appOrigins: [site.origin], quiet: true });
const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: chromeArgs() });
const alice = tenant.info.users.alice;
const clientId = tenant.info.clients.spa.clientId;
const audience = tenant.info.apis.default;

function pageUrl(sdk, extra = {}) {
  const params = new URLSearchParams({ sdk, domain: tenant.domain, clientId, audience, ...extra });
  return `${site.origin}/test/bench/page.html?${params}`;
}

/** Opens the bench page in `context` and logs alice in by redirect through the tenant's form. */
async function loggedInPage(context, sdk, extra) {
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  await page.goto(pageUrl(sdk, extra));
  await page.evaluate(() => window.bench.ready());
  await Promise.all([page.waitForNavigation(), page.evaluate(() => window.bench.login())]);
  if (page.url().startsWith(`${tenant.issuer}u/login`)) {
    await page.type('input[name=username]', alice.username);
    await page.type('input[name=password]', alice.password);
    await Promise.all([page.waitForNavigation(), page.click('[type=submit]')]);
  }
  await page.waitForFunction((origin) => location.origin === origin && !location.search, {}, site.origin);
  const state = await page.evaluate(() => window.bench.ready());
  if (!state.authenticated) throw new Error(`${sdk}: not authenticated after login`);
  return page;
}

async function withContext(fn) {
  const context = await browser.createBrowserContext();
  try {
    return await fn(context);
  } finally {
    await context.close();
  }
}

const tokenRequests = () =>
  tenant.control.requests().filter((r) => r.method === 'POST' && r.path === '/oauth/token').length;

async function cachedTokens(sdk, cache) {
  return withContext(async (context) => {
    const page = await loggedInPage(context, sdk, { cache });
    return page.evaluate((n) => window.bench.cachedTokenLoop(n), { calls: N.cacheCalls, maxMs: N.cacheMs });
  });
}

async function refreshBurst(sdk, tabs, perTab) {
  return withContext(async (context) => {
    const first = await loggedInPage(context, sdk, { refresh: '1' });
    if (!(await first.evaluate(() => window.bench.supports('getTokenSilently')))) return null;
    const pages = [first];
    for (let i = 1; i < tabs; i += 1) {
      const page = await context.newPage();
      await page.goto(pageUrl(sdk, { refresh: '1' }));
      await page.evaluate(() => window.bench.ready());
      pages.push(page);
    }
    await first.evaluate(() => window.bench.expireCachedTokens());
    tenant.control.resetRequests();
    const results = await Promise.all(pages.map((page) => page.evaluate((n) => window.bench.burst(n), perTab)));
    return { requests: tokenRequests(), errors: results.flatMap((r) => r.errors) };
  });
}

async function coldStart(sdk) {
  return withContext(async (context) => {
    const page = await loggedInPage(context, sdk, { cache: 'localstorage' });
    const times = [];
    let tenantRequests = 0;
    page.on('request', (request) => {
      if (request.url().startsWith(tenant.domain)) tenantRequests += 1;
    });
    for (let i = 0; i < N.coldLoads; i += 1) {
      await page.reload();
      const state = await page.evaluate(() => window.bench.ready());
      if (!state.authenticated) throw new Error(`${sdk}: cold start did not find the cached session`);
      times.push(state.readyAtMs);
    }
    times.sort((a, b) => a - b);
    return { medianMs: times[Math.floor(times.length / 2)], tenantRequests };
  });
}

async function dpopProofs(sdk) {
  return withContext(async (context) => {
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(pageUrl(sdk, { dpop: '1' }));
    await page.evaluate(() => window.bench.ready());
    if (!(await page.evaluate(() => window.bench.supports('generateDpopProof')))) return null;
    return page.evaluate((n) => window.bench.dpopProofLoop(n), { proofs: N.proofs, maxMs: N.proofMs });
  });
}

/** Runs one measurement for both SDKs; a feature we do not have yet shows as "n/a", not a crash. */
async function both(fn) {
  const out = {};
  for (const sdk of SDKS) out[sdk] = await fn(sdk);
  return out;
}

const rows = [...sizeRows(root, { spa: SPA_SDK_BUNDLE })];
/** Our own calls that failed: the table is still printed, and the run exits non-zero. */
const failures = [];
try {
  for (const cache of ['localstorage', 'memory']) {
    const r = await both((sdk) => cachedTokens(sdk, cache));
    rows.push({ name: `getTokenSilently from cache (${cache}), calls/s`, ours: r.ours.perSecond, theirs: r.spa.perSecond, better: 'higher' });
    const resolution = r.ours.timerResolutionUs ? `timer resolution ${r.ours.timerResolutionUs} µs` : '';
    rows.push({ name: `  p50 µs (${cache})`, ours: r.ours.p50Us, theirs: r.spa.p50Us, better: 'lower', note: resolution });
    rows.push({ name: `  p99 µs (${cache})`, ours: r.ours.p99Us, theirs: r.spa.p99Us, better: 'lower', note: resolution });
  }
  for (const [label, tabs, perTab] of [[`${N.burst} concurrent calls, 1 tab`, 1, N.burst], [`${N.tabs} tabs × ${N.perTab} calls`, N.tabs, N.perTab]]) {
    const r = await both((sdk) => refreshBurst(sdk, tabs, perTab));
    // A request count only compares when both sides answered every call; errors are shown as counts.
    const clean = r.ours && r.spa && !r.ours.errors.length && !r.spa.errors.length;
    rows.push({ name: `expired token + refresh token, ${label}: token requests`, ours: r.ours?.requests, theirs: r.spa?.requests, better: 'lower', comparable: clean });
    const errorNote = (side) => (r[side]?.errors.length ? `${side === 'ours' ? 'ours' : 'SPA SDK'}: ${[...new Set(r[side].errors)].join(' ')}` : '');
    rows.push({ name: `  errors (${label})`, ours: r.ours?.errors.length, theirs: r.spa?.errors.length, comparable: false, note: [errorNote('ours'), errorNote('spa')].filter(Boolean).join('; ') });
    if (r.ours?.errors.length) failures.push(`ours failed calls in the refresh burst (${label}): ${errorNote('ours')}`);
  }
  const cold = await both(coldStart);
  rows.push({ name: `cold start, cached session: navigation → authenticated, median ms (${N.coldLoads} loads)`, ours: cold.ours.medianMs, theirs: cold.spa.medianMs, better: 'lower' });
  rows.push({ name: `  network requests to the tenant (${N.coldLoads} loads)`, ours: cold.ours.tenantRequests, theirs: cold.spa.tenantRequests, better: 'lower' });
  const proofs = await both(dpopProofs);
  rows.push({ name: 'DPoP proofs generated per second', ours: proofs.ours?.perSecond, theirs: proofs.spa?.perSecond, better: 'higher' });
  for (const inFlight of [1, 16]) {
    const verify = await verifyAccessTokenRate({ count: N.verify, maxMs: N.verifyMs, inFlight });
    rows.push({ name: `Node: verifyAccessToken (DPoP token + proof) per second, ${inFlight} in flight`, ours: verify?.perSecond, theirs: undefined, better: 'higher', note: verify ? 'no SPA SDK counterpart' : 'server entry not built' });
  }
} finally {
  await browser.close();
  await tenant.close();
  await site.close();
}

for (const row of rows) row.ratio = ratioOf(row);
const table = formatTable(rows, `ours vs @auth0/auth0-spa-js ${SPA_SDK_VERSION}`);
console.log(table);
const result = { date: new Date().toISOString(), smoke, machine: machineLine(), counts: N, rows };
writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify(result, null, 2));
if (!smoke) {
  writeFileSync(
    new URL('./RESULTS.md', import.meta.url),
    `# Bench results\n\nLast full run of \`npm run bench\`: ${result.date}\n\nMachine: ${result.machine}\n\n\`\`\`\n${table}\n\`\`\`\n`,
  );
}

if (failures.length) {
  console.error(`\nbench: ${failures.join('; ')}`);
  process.exitCode = 1;
}

function machineLine() {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
}
