// custom-elements.json against the schema of the `custom-elements-manifest` package (the one
// editors, Storybook and the typings generators read). The schema (draft-07) uses seven keywords;
// they are checked here, and a schema using any other keyword fails the check instead of being
// half-checked.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const KEYWORDS = new Set(['$schema', 'definitions', 'description', 'type', '$ref', 'items', 'properties', 'required', 'enum', 'anyOf']);
const TYPES = {
  object: (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
  array: Array.isArray,
  string: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
  number: (v) => typeof v === 'number',
  integer: Number.isInteger,
  null: (v) => v === null,
};

/** The errors of `value` against `schema` (each `path: message`), [] when it is valid. */
export function validate(value, schema, root = schema, path = '$') {
  const unknown = Object.keys(schema).filter((key) => !KEYWORDS.has(key));
  if (unknown.length) return [`${path}: schema keyword(s) this check does not know: ${unknown.join(', ')}`];
  if (schema.$ref) {
    const target = schema.$ref.replace(/^#\//, '').split('/').reduce((at, key) => at?.[key], root);
    if (!target) return [`${path}: unresolved $ref ${schema.$ref}`];
    return validate(value, target, root, path);
  }
  if (schema.anyOf) {
    const each = schema.anyOf.map((option) => validate(value, option, root, path));
    if (!each.some((errors) => errors.length === 0)) return [`${path}: matches none of anyOf (${each.map((e) => e[0]).join(' | ')})`];
  }
  if (schema.type) {
    const types = [schema.type].flat();
    if (!types.some((type) => TYPES[type]?.(value))) return [`${path}: expected ${types.join('|')}, got ${JSON.stringify(value)?.slice(0, 60)}`];
  }
  if (schema.enum && !schema.enum.some((option) => option === value)) return [`${path}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`];
  const errors = [];
  if (TYPES.object(value)) {
    for (const key of schema.required ?? []) if (!(key in value)) errors.push(`${path}: missing "${key}"`);
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (key in value) errors.push(...validate(value[key], sub, root, `${path}.${key}`));
    }
  }
  if (Array.isArray(value) && schema.items) value.forEach((item, i) => errors.push(...validate(item, schema.items, root, `${path}[${i}]`)));
  return errors;
}

export function checkManifestSchema(file = 'custom-elements.json') {
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(readFileSync(require.resolve('custom-elements-manifest/schema.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  const errors = validate(manifest, schema);
  const results = [{ name: 'custom-elements.json validates against the custom-elements-manifest schema', ok: errors.length === 0, detail: errors.slice(0, 5).join('; ') }];
  // What tools need beyond the schema: each definition names a class that has this tag.
  const classes = new Map(manifest.modules.flatMap((mod) => (mod.declarations ?? []).map((d) => [`${mod.path}#${d.name}`, d])));
  const definitions = manifest.modules.flatMap((mod) => (mod.exports ?? []).filter((e) => e.kind === 'custom-element-definition'));
  const wrong = definitions.filter(({ name, declaration }) => {
    const klass = classes.get(`${declaration.module}#${declaration.name}`);
    return !klass || klass.tagName !== name || klass.customElement !== true;
  });
  // One definition per define module (the import paths the exports map offers).
  const defineModules = manifest.modules.filter((mod) => mod.path.startsWith('lib/components/define/'));
  const undefinedIn = defineModules.filter((mod) => (mod.exports ?? []).filter((e) => e.kind === 'custom-element-definition').length !== 1);
  results.push({
    name: 'every element in custom-elements.json has tagName, customElement and its definition',
    ok: definitions.length > 0 && wrong.length === 0 && undefinedIn.length === 0,
    detail: `${definitions.length} definitions${wrong.length ? `; wrong: ${wrong.map((d) => d.name).join(', ')}` : ''}${undefinedIn.length ? `; no definition in ${undefinedIn.map((m) => m.path).join(', ')}` : ''}`,
  });
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of checkManifestSchema(process.argv[2])) console.log(`${r.ok ? '✔' : '✘'} ${r.name} — ${r.detail}`);
}
