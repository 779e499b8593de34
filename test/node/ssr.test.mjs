// SSR-safe imports (issue 14): every entry of the package imports in plain Node without throwing
// and without adding globals of its own; the engine constructed in Node lets the process exit;
// @lit-labs/ssr renders the elements to declarative shadow DOM. Each case runs in a fresh Node
// process (cwd = the package, so `auth0-elements/...` resolves through its own exports map).
// Needs the build (lib/, dist/), as npm test does first.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';

const root = new URL('../../', import.meta.url);

/** Runs `code` as an ES module in a new Node process; a hang fails after `timeout` ms. */
function node(code, timeout = 20_000) {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8', timeout });
  return { status: child.status, signal: child.signal, stdout: child.stdout, stderr: child.stderr };
}

const defines = readdirSync(new URL('components/define/', root)).map((file) => `auth0-elements/define/${file.replace(/\.ts$/, '.js')}`);
const ENTRIES = ['auth0-elements', 'auth0-elements/engine', 'auth0-elements/server', ...defines, './dist/auth0-elements.min.js', './dist/engine.min.js'];

// What Lit itself registers on globalThis when it loads (its version lists and property metadata;
// its Node build also installs its DOM shim's `customElements`, the registry @lit-labs/ssr reads,
// and the shim's `litServerRoot`).
const LIT_GLOBALS = ['customElements', 'litElementVersions', 'litHtmlVersions', 'litPropertyMetadata', 'litServerRoot', 'reactiveElementVersions'];

for (const entry of ENTRIES) {
  test(`import '${entry}' in plain Node: no throw, no global of its own`, { timeout: 30_000 }, () => {
    const { status, stdout, stderr } = node(`
      const before = new Set(Object.getOwnPropertyNames(globalThis));
      await import(${JSON.stringify(entry)});
      console.log(JSON.stringify(Object.getOwnPropertyNames(globalThis).filter((name) => !before.has(name))));`);
    assert.equal(status, 0, stderr);
    const added = JSON.parse(stdout.trim().split('\n').pop()).filter((name) => !LIT_GLOBALS.includes(name));
    assert.deepEqual(added, []);
  });
}

for (const entry of ['auth0-elements/engine', 'auth0-elements', './dist/engine.min.js']) {
  test(`new Auth0Client(…) from '${entry}' in Node lets the process exit`, { timeout: 30_000 }, () => {
    const { status, signal, stderr } = node(`
      const { Auth0Client } = await import(${JSON.stringify(entry)});
      const client = new Auth0Client({ domain: 'tenant.example.com', clientId: 'abc' });
      client.subscribe(() => {});`, 10_000);
    assert.equal(signal, null, 'the process was still running after 10 s');
    assert.equal(status, 0, stderr);
  });
}

test('@lit-labs/ssr renders <auth0-provider><auth0-login-button> to declarative shadow DOM', { timeout: 30_000 }, () => {
  const { status, stdout, stderr } = node(`
    import { render } from '@lit-labs/ssr';
    import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
    import { html } from 'lit';
    import 'auth0-elements';
    console.log(await collectResult(render(html\`<auth0-provider domain="tenant.example.com" client-id="abc"><auth0-login-button></auth0-login-button></auth0-provider>\`)));`);
  assert.equal(status, 0, stderr);
  assert.equal(stderr, '');
  const shadowRoots = stdout.match(/<template shadowroot="open" shadowrootmode="open"[^>]*><style>/g) ?? [];
  assert.equal(shadowRoots.length, 2, stdout);
  assert.match(stdout, /<auth0-provider[^>]* domain="tenant.example.com" client-id="abc" status="loading"><template/);
  assert.match(stdout, /<auth0-login-button><template shadowroot="open" shadowrootmode="open" shadowrootdelegatesfocus><style>[^<]*--auth0-button-background/);
});
