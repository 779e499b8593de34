// The Custom Elements Manifest analyzer's settings, shared by `npm run manifest` and the
// freshness check in `npm test`. packagejson: false keeps the analyzer from rewriting
// package.json's "customElements" field when the check writes its copy elsewhere.
export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.test.ts'],
  litelement: true,
  packagejson: false,
};
