// The local Auth0-shaped tenant, importable: `startTenant(options)` → a running tenant on 127.0.0.1
// (README.md in this folder lists what it serves and its test switches). Plain JavaScript with
// JSDoc types, so it runs in Node without a build step.

/**
 * @typedef {object} TenantOptions
 * @property {number} [port] 0 (default) picks a free port
 * @property {string} [host] default 127.0.0.1; apps must share the host (SameSite=Lax cookies)
 * @property {string[]} [appOrigins] origins whose URLs are accepted as redirect_uri and returnTo, and
 *   allowed by CORS (e.g. `http://127.0.0.1:8000`)
 * @property {boolean} [quiet] no console output except real errors
 */

/** @typedef {Awaited<ReturnType<typeof import('./tenant.js').createTenant>>} Tenant */

/**
 * Loads the implementation; oidc-provider warns about Node 20 when it is first imported, which
 * `quiet` silences (it works on a recent 20.x).
 */
async function load(quiet) {
  if (!quiet) return importTenant();
  const { warn } = console;
  console.warn = (...args) => {
    if (!String(args[0]).includes('Unsupported runtime')) warn.apply(console, args);
  };
  try {
    return await importTenant();
  } finally {
    console.warn = warn;
  }
}

/**
 * The implementation, or a message that says what to install: `oidc-provider` is an optional peer
 * dependency of auth0-elements, needed only for this tenant.
 */
async function importTenant() {
  try {
    return await import('./tenant.js');
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && /['"]oidc-provider['"]/.test(error.message)) {
      throw new Error("auth0-elements/tenant needs the package oidc-provider (an optional peer dependency): npm install --save-dev oidc-provider@^9", { cause: error });
    }
    throw error;
  }
}

/**
 * Starts a tenant. `tenant.control` holds test-only switches; it is reachable only from this
 * process, never over HTTP.
 * @param {TenantOptions} [options]
 * @returns {Promise<Tenant>}
 */
export async function startTenant({ port = 0, host = '127.0.0.1', appOrigins = [], quiet = false } = {}) {
  const { createTenant } = await load(quiet);
  return createTenant({ port, host, appOrigins });
}
