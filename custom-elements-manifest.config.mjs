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
