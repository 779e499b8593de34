// A project that imports auth0-elements/tenant without installing oidc-provider (an optional peer
// dependency) gets a message that says what to install, not a bare ERR_MODULE_NOT_FOUND. The
// package's absence is simulated with a module resolve hook in a fresh Node process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

const hooks = `
  export async function resolve(specifier, context, next) {
    if (specifier === 'oidc-provider' || specifier.startsWith('oidc-provider/')) {
      throw Object.assign(new Error("Cannot find package 'oidc-provider' imported from " + context.parentURL), { code: 'ERR_MODULE_NOT_FOUND' });
    }
    return next(specifier, context);
  }`;
const register = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}));`;

test('importing the tenant without oidc-provider names the package to install', { timeout: 30_000 }, () => {
  const child = spawnSync(process.execPath, [
    '--import', `data:text/javascript,${encodeURIComponent(register)}`,
    '--input-type=module', '-e',
    "const { startTenant } = await import('auth0-elements/tenant'); await startTenant({ quiet: true });",
  ], { cwd: new URL('../../', import.meta.url), encoding: 'utf8', timeout: 20_000 });
  assert.notEqual(child.status, 0);
  assert.match(child.stderr, /auth0-elements\/tenant needs the package oidc-provider .*npm install --save-dev oidc-provider@\^9/);
});
