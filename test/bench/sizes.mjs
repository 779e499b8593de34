// Bundle bytes, minified and gzip -9: the whole kit, the engine alone, the SPA SDK.
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

function measure(file) {
  if (!existsSync(file)) return { min: undefined, gzip: undefined };
  const bytes = readFileSync(file);
  return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

export function sizeRows(root, spaBundle) {
  const kit = measure(join(root, 'dist/auth0-elements.min.js'));
  const engine = measure(join(root, 'dist/engine.min.js'));
  const spa = measure(spaBundle);
  return [
    { name: 'bundle bytes, whole kit (elements + engine), minified', ours: kit.min, theirs: spa.min, better: 'lower' },
    { name: 'bundle bytes, whole kit, gzip -9', ours: kit.gzip, theirs: spa.gzip, better: 'lower' },
    { name: 'bundle bytes, engine alone, minified', ours: engine.min, theirs: spa.min, better: 'lower' },
    { name: 'bundle bytes, engine alone, gzip -9', ours: engine.gzip, theirs: spa.gzip, better: 'lower' },
  ];
}
