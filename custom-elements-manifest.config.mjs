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
  ],
};
