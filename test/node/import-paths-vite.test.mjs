// The documented import paths through Vite (issue 14), from a consumer project that has the package
// in its node_modules (a symlink to this checkout, as `npm install ../auth0-elements` makes):
// Vite's dev-server resolver maps both forms of every define path to lib/components/define/<name>.js,
// and `vite build` of a tiny app importing `auth0-elements`, `auth0-elements/define/login-button.js`,
// `auth0-elements/define/user` and `auth0-elements/engine` bundles without a warning; the built app,
// served as static files and loaded in Chromium, defines the elements and its provider settles on
// the local tenant. Needs the build (lib/), as npm test does first.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { build, createServer as createViteServer } from 'vite';
import { startTenant } from '../../demo/tenant/index.js';
import { chromeArgs, findChrome } from '../support/chrome.mjs';

const root = realpathSync(new URL('../../', import.meta.url));
const NAMES = readdirSync(join(root, 'components/define')).map((file) => file.replace(/\.ts$/, ''));
const target = (name) => join(root, `lib/components/define/${name}.js`);
let consumer;

const APP_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>a Vite app</title><link rel="icon" href="data:,"><script type="module" src="./main.js"></script></head>
<body>
  <auth0-provider>
    <auth0-login-button>Log in</auth0-login-button>
    <auth0-user></auth0-user>
  </auth0-provider>
</body>
</html>
`;

// The app reads the tenant's address from the query (the test tenant listens on a random port) and
// reports what it sees on window.__report.
const APP_JS = `import { Auth0Provider } from 'auth0-elements';
import { Auth0LoginButton } from 'auth0-elements/define/login-button.js';
import { Auth0User } from 'auth0-elements/define/user';
import { Auth0Client, GenericError } from 'auth0-elements/engine';

const query = new URLSearchParams(location.search);
const provider = document.querySelector('auth0-provider');
provider.setAttribute('domain', query.get('domain'));
provider.setAttribute('client-id', query.get('client_id'));
const session = await provider.ready;
window.__report = {
  status: session.status,
  provider: customElements.get('auth0-provider') === Auth0Provider,
  loginButton: customElements.get('auth0-login-button') === Auth0LoginButton,
  user: customElements.get('auth0-user') === Auth0User,
  rendered: !!document.querySelector('auth0-login-button').shadowRoot?.querySelector('button'),
  engine: typeof Auth0Client === 'function' && new GenericError('x', 'y') instanceof Error,
  defined: ${JSON.stringify(NAMES.map((name) => `auth0-${name}`))}.filter((tag) => customElements.get(tag)),
};
`;

before(() => {
  consumer = mkdtempSync(join(tmpdir(), 'auth0-elements-vite-'));
  mkdirSync(join(consumer, 'node_modules'));
  symlinkSync(root, join(consumer, 'node_modules/auth0-elements'), 'dir');
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'vite-consumer', type: 'module', private: true }));
  writeFileSync(join(consumer, 'index.html'), APP_HTML);
  writeFileSync(join(consumer, 'main.js'), APP_JS);
});
after(() => rmSync(consumer, { recursive: true, force: true }));

test("Vite's resolver (dev server): both forms of every define path, the main entry and the engine", { timeout: 60_000 }, async () => {
  const server = await createViteServer({ root: consumer, configFile: false, logLevel: 'silent', server: { middlewareMode: true, ws: false }, optimizeDeps: { noDiscovery: true, include: [] } });
  try {
    const importer = join(consumer, 'main.js');
    const resolve = async (specifier) => {
      const resolved = await server.pluginContainer.resolveId(specifier, importer);
      assert.ok(resolved?.id, `Vite does not resolve ${specifier}`);
      return realpathSync(resolved.id);
    };
    for (const name of NAMES) {
      assert.equal(await resolve(`auth0-elements/define/${name}.js`), target(name), `${name}.js`);
      assert.equal(await resolve(`auth0-elements/define/${name}`), target(name), name);
    }
    assert.equal(await resolve('auth0-elements'), join(root, 'lib/components/index.js'));
    assert.equal(await resolve('auth0-elements/engine'), join(root, 'lib/src/engine.js'));
  } finally {
    await server.close();
  }
});

test('vite build of an app using the documented imports: no warning, each define module once, and it runs in Chromium', { timeout: 120_000 }, async () => {
  const warnings = [];
  const outDir = join(consumer, 'dist');
  const output = await build({
    root: consumer,
    configFile: false,
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true, rollupOptions: { onwarn: (warning) => warnings.push(warning.message) } },
  });
  assert.deepEqual(warnings, []);
  const chunks = [output].flat().flatMap((o) => o.output).filter((item) => item.type === 'chunk');
  const modules = chunks.flatMap((chunk) => Object.keys(chunk.modules)).filter((id) => !id.startsWith('\0')).map((id) => realpathSync(id.replace(/\?.*$/, '')));
  for (const name of ['login-button', 'user']) assert.equal(modules.filter((id) => id === target(name)).length, 1, name);
  // The engine entry only re-exports (Rollup lists no code of its own); its modules are in.
  for (const file of ['Auth0Client.js', 'errors.js']) assert.ok(modules.includes(join(root, 'lib/src', file)), file);

  // The built app, as a static host serves it, on the tenant's list of app origins.
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const files = createServer((request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    try {
      const body = readFileSync(join(outDir, path === '/' ? 'index.html' : path));
      response.writeHead(200, { 'content-type': types[extname(path || '.html')] ?? types['.html'] }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => files.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${files.address().port}`;
  const tenant = await startTenant({ port: 0, appOrigins: [origin], quiet: true });
  const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: chromeArgs() });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('response', (response) => response.status() >= 400 && errors.push(`${response.status()} ${response.url()}`));
    await page.goto(`${origin}/?${new URLSearchParams({ domain: tenant.domain, client_id: tenant.info.clients.spa.clientId })}`);
    await page.waitForFunction(() => window.__report, { timeout: 30_000 });
    const report = await page.evaluate(() => window.__report);
    assert.deepEqual(report, {
      status: 'anonymous', provider: true, loginButton: true, user: true, rendered: true, engine: true,
      // The main entry defines every element of components/define/ (heavy bodies are lazy chunks,
      // components/internal/lazy-body.ts); the define modules find them defined (define once).
      defined: NAMES.map((name) => `auth0-${name}`),
    });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await tenant.close();
    await new Promise((resolve) => files.close(resolve));
  }
});
