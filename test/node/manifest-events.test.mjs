// custom-elements.json's events are the events each element really fires (issue 14: what the JSX
// typings' `on<event>` props, the Vue typings and the docs page read). The manifest is generated
// from JSDoc `@event` tags; this compares them with the `emit(this, '<name>', …)` calls in each
// element's source, so an event added, renamed or dropped without its JSDoc fails here. (The live
// test, test/browser/ecosystem/manifest.test.ts, compares attributes, custom properties, parts
// and slots.)
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const root = new URL('../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('custom-elements.json', root), 'utf8'));
const elements = manifest.modules.flatMap((mod) => (mod.declarations ?? [])
  .filter((declaration) => declaration.customElement && declaration.tagName)
  .map((declaration) => ({ ...declaration, path: mod.path })));

test('the manifest lists every element (one per components/define module), each from its component module', () => {
  const defines = readdirSync(new URL('components/define/', root)).filter((file) => file.endsWith('.ts'));
  assert.equal(elements.length, defines.length);
  for (const element of elements) assert.match(element.path, /^lib\/components\/[\w-]+\/[\w-]+\.component\.js$/, element.tagName);
});

for (const element of elements) {
  test(`<${element.tagName}>: the manifest's events are the ones its source emits`, () => {
    const file = new URL(element.path.replace(/^lib\//, '').replace(/\.js$/, '.ts'), root);
    // A lazy element body (components/internal/lazy-body.ts) emits for its host, from its own
    // module; a body that fails to load is an auth0-error of the host.
    const bodyFile = new URL(file.href.replace(/\.component\.ts$/, '.body.ts'));
    const source = readFileSync(file, 'utf8') + (existsSync(bodyFile) ? readFileSync(bodyFile, 'utf8') : '');
    const lazy = /\bnew LazyBody\(/.test(source) ? ['auth0-error'] : [];
    const emitted = [...new Set([...lazy, ...[...source.matchAll(/\bemit\((?:this|host|this\.host),\s*'([\w-]+)'/g)].map((m) => m[1])])].sort();
    // Nothing else dispatches a public event (the context protocol's events are not the element's).
    assert.doesNotMatch(source.replace(/\/\/.*$/gm, ''), /\bdispatchEvent\(/, 'events go through emit()');
    assert.deepEqual((element.events ?? []).map((event) => event.name).sort(), emitted);
    for (const event of element.events ?? []) assert.ok(event.description?.trim(), `${event.name} has a description`);
  });
}
