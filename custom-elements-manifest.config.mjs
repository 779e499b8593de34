// The Custom Elements Manifest analyzer's settings, shared by `npm run manifest` and the
// freshness check in `npm test`. packagejson: false keeps the analyzer from rewriting
// package.json's "customElements" field when the check writes its copy elsewhere.
export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.test.ts'],
  litelement: true,
  packagejson: false,
  // The analyzer lists modules in the order its file walk happens to finish, which varies from
  // run to run; sorted by path, the manifest is the same every time and the freshness check fair.
  plugins: [
    {
      // The define modules call `defineOnce('auth0-x', Auth0X)` (components/internal/define.ts):
      // for tools these are the custom-element definitions `customElements.define` would be. The
      // generic call inside defineOnce itself defines nothing by name and is dropped.
      name: 'define-once',
      analyzePhase({ ts, node, moduleDoc }) {
        if (!ts.isCallExpression(node) || node.expression.getText() !== 'defineOnce') return;
        const [tag, klass] = node.arguments;
        if (!tag || !ts.isStringLiteral(tag) || !klass || !ts.isIdentifier(klass)) return;
        moduleDoc.exports = [
          ...(moduleDoc.exports ?? []),
          { kind: 'custom-element-definition', name: tag.text, declaration: { name: klass.text, module: moduleDoc.path } },
        ];
      },
      moduleLinkPhase({ moduleDoc }) {
        if (moduleDoc.path.endsWith('internal/define.ts')) {
          moduleDoc.exports = moduleDoc.exports?.filter((e) => e.kind !== 'custom-element-definition');
        }
      },
    },
    {
      // Paths as the package ships them (lib/…js, what the exports map points to), and every
      // export pointing at the module that declares it: the analyzer writes the import specifier
      // for re-exports and definitions (`/components/x.js`, `../x.js`) or the re-exporting module.
      name: 'published-paths',
      packageLinkPhase({ customElementsManifest }) {
        const published = (path) => path.replace(/^\/+/, '').replace(/^(components|src)\//, 'lib/$1/').replace(/\.ts$/, '.js');
        const declaredIn = new Map();
        for (const mod of customElementsManifest.modules) {
          mod.path = published(mod.path);
          for (const declaration of mod.declarations ?? []) declaredIn.set(declaration.name, mod.path);
        }
        for (const mod of customElementsManifest.modules) {
          const dir = mod.path.slice(0, mod.path.lastIndexOf('/'));
          for (const exported of mod.exports ?? []) {
            const ref = exported.declaration;
            if (!ref?.module) continue;
            ref.module = published(ref.module.startsWith('.') ? new URL(ref.module, `file:///${dir}/`).pathname : ref.module);
            if (ref.name !== '*' && declaredIn.has(ref.name)) ref.module = declaredIn.get(ref.name);
          }
          for (const declaration of mod.declarations ?? []) {
            for (const ref of [declaration.superclass, ...(declaration.members ?? []).map((m) => m.inheritedFrom)]) {
              if (ref?.module) ref.module = published(ref.module);
            }
          }
        }
      },
    },
    {
      name: 'sort-modules-by-path',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
    {
      // Lit's internal reactive state (`static properties = {_busy: {state: true}}`) has no
      // attribute; the analyzer still lists it as one. `_`-prefixed members are not public API.
      name: 'hide-internal-state',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (declaration.attributes) {
              declaration.attributes = declaration.attributes.filter((a) => !a.fieldName?.startsWith('_'));
            }
            for (const member of declaration.members ?? []) {
              if (member.name.startsWith('_')) {
                member.privacy = 'private';
                delete member.attribute;
              }
            }
          }
        }
      },
    },
  ],
};
