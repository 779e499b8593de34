// npm start: the demo on the local tenant. Builds the bundle when it is missing or older than the
// sources, starts the tenant and a dev server on 127.0.0.1, and prints where to go: the pages and
// the tenant as `localhost` (WebAuthn refuses an IP address as relying party, so the passkey
// buttons need a name; app and tenant share it, as the tenant's SameSite=Lax cookies need).
//   PORT (default 3000)         the demo pages
//   TENANT_PORT (default 3001)  the local Auth0-shaped tenant
//   --lan (or HOST=0.0.0.0)     the demo pages on every interface, for a demo on another device of
//                               the network; they hand out a demo user's legacy token, so only on a
//                               network you trust. The tenant and the demo API stay on 127.0.0.1.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer as createProbe } from 'node:net';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { startTenant } from './tenant/index.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const host = '127.0.0.1';
/** The name the pages and the tenant are reached by (it resolves to the loopback address). */
const publicHost = 'localhost';
const pageHost = process.argv.includes('--lan') ? '0.0.0.0' : process.env.HOST || host;
const port = Number(process.env.PORT || 3000);
const tenantPort = Number(process.env.TENANT_PORT || 3001);
const origin = `http://${publicHost}:${port}`;
const bundle = join(root, 'dist/auth0-elements.min.js');

/** Newest modification time of the files under `dir`. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** A port already taken (a second `npm start`): one line that says which and what to do. */
function portInUse(error, busy, variable) {
  if (error?.code !== 'EADDRINUSE' && !String(error?.message).includes('EADDRINUSE')) throw error;
  console.error(`npm start: port ${busy} on ${host} is in use (another npm start?): stop that process, or choose another port: ${variable}=${busy + 10} npm start`);
  process.exit(1);
}

/** Fails with portInUse's line when `busy` is taken (on `on`; the dev server listens on every address). */
const ensureFree = (busy, variable, on) => new Promise((resolve) => {
  const probe = createProbe().once('error', (error) => portInUse(error, busy, variable));
  probe.listen(busy, on, () => probe.close(resolve));
});
await ensureFree(port, 'PORT');
await ensureFree(tenantPort, 'TENANT_PORT', publicHost);

const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'components')));
// The demo API runs on the compiled server entry (lib/src/server), built along with the bundle.
if (!existsSync(bundle) || statSync(bundle).mtimeMs < sources || !existsSync(join(root, 'lib/src/server/index.js'))) {
  console.log('Building dist/ …');
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}

const tenant = await startTenant({ port: tenantPort, host: publicHost, appOrigins: [origin], quiet: true })
  .catch((error) => portInUse(error, tenantPort, 'TENANT_PORT'));
const alice = tenant.info.users.alice;
// Step-up (MFA): carol has an authenticator app (its secret is printed on the page) and an email factor.
const carol = tenant.info.users.carol;
const carolTotp = tenant.control.mfaUser('carol').authenticators.find((a) => a.type === 'otp');
// The DPoP-protected API the page's <auth0-fetch> reads (imported after the build: it needs lib/).
const { startDemoApi } = await import('./api/index.js');
const api = await startDemoApi({
  domain: tenant.domain,
  audience: tenant.info.apis.default,
  appOrigins: [origin],
  dpopNonce: true,
  // The API's own client, for Token Vault (/api/calendar).
  clientId: tenant.info.clients.confidential.clientId,
  clientSecret: tenant.info.clients.confidential.clientSecret,
  // The step-up API's route (/api/secrets): tokens for it, with amr "mfa".
  stepUpAudience: tenant.info.apis.secure,
});
// Organizations: bob is invited to Globex once per start (an invitation link works once).
const { acme, globex } = tenant.info.organizations;
const bob = tenant.info.users.bob;
const invitation = tenant.control.createInvitation('globex', bob.email);
const invitationUrl = `${origin}/?${new URLSearchParams({ invitation, organization: globex.id, organization_name: globex.name })}`;

// The demo pages are nothing but tags: the tenant's address and the demo credentials are filled in
// here, when the pages are served.
const placeholders = {
  __AUTH0_DOMAIN__: tenant.domain,
  __AUTH0_CLIENT_ID__: tenant.info.clients.spa.clientId,
  __AUTH0_AUDIENCE__: tenant.info.apis.default,
  __API_URL__: api.url,
  __APP_ORIGIN__: origin,
  __DEMO_USERNAME__: alice.username,
  __DEMO_PASSWORD__: alice.password,
  __ORG_ACME_ID__: acme.id,
  __ORG_ACME_LABEL__: acme.display_name,
  __ORG_GLOBEX_ID__: globex.id,
  __ORG_GLOBEX_LABEL__: globex.display_name,
  __INVITATION_URL__: invitationUrl,
  __INVITEE_USERNAME__: bob.username,
  __INVITEE_PASSWORD__: bob.password,
  __SECURE_AUDIENCE__: tenant.info.apis.secure,
  __MFA_USERNAME__: carol.username,
  __MFA_PASSWORD__: carol.password,
  __MFA_TOTP_SECRET__: carolTotp.secret,
};
const escapeHtml = (value) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** @type {import('@web/dev-server-core').Plugin} */
const fillPlaceholders = {
  name: 'auth0-demo-placeholders',
  transform(context) {
    if (!context.path.startsWith('/demo/') || !context.response.is('html')) return undefined;
    let body = String(context.body);
    for (const [name, value] of Object.entries(placeholders)) body = body.replaceAll(name, escapeHtml(value));
    return { body, transformCache: false };
  },
};

// The dev server only builds the app (middlewareMode); we listen ourselves, because it treats the
// hostname 127.0.0.1 as "every interface".
const server = await startDevServer({
  config: {
    rootDir: root,
    middlewareMode: true,
    port,
    // Lit's production build, as users get from the bundle.
    nodeResolve: { exportConditions: ['production'] },
    // `/` is the CMS-style page, served in place so that the login callback's query survives.
    middleware: [
      (context, next) => {
        // Opened as 127.0.0.1 out of habit: the same page as localhost, where the tenant's cookies and passkeys work.
        if (context.hostname === host) return context.redirect(`${origin}${context.url}`);
        if (context.path === '/') context.path = '/demo/index.html';
        return next();
      },
      // Stands in for carol's email inbox: the last MFA code the tenant "sent" her (the demo's only).
      (context, next) => {
        if (context.path !== '/demo/inbox' || context.method !== 'GET') return next();
        context.type = 'json';
        context.set('cache-control', 'no-store');
        const last = tenant.control.mfaOutbox({ to: carol.email }).at(-1);
        context.body = { to: carol.email, code: last?.code ?? null };
      },
      // Stands in for the page's old identity system: hands the visitor a legacy token (alice's,
      // usable once), which the page trades with custom token exchange.
      async (context, next) => {
        if (context.path !== '/demo/legacy-token' || context.method !== 'POST') return next();
        context.type = 'json';
        context.set('cache-control', 'no-store');
        context.body = {
          subject_token: await tenant.control.mintLegacyToken({ sub: alice.email }),
          subject_token_type: tenant.info.tokenExchange.subjectTokenType,
        };
      },
    ],
    plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: join(root, 'tsconfig.json') }), fillPlaceholders],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
  autoExitProcess: false,
}).catch(async (error) => {
  await tenant.close();
  await api.close();
  portInUse(error, port, 'PORT');
});
const pages = createServer(server.koaApp.callback());
await new Promise((resolve, reject) => pages.once('error', reject).listen(port, pageHost, resolve));

console.log(`
  auth0-elements demo

  CMS-style page  ${origin}/
  Lit app         ${origin}/demo/lit-app/
  Local tenant    ${tenant.issuer}
  Demo API        ${api.url}/api/messages, /api/calendar, /api/secrets (step-up)  (DPoP-bound tokens only)
  Invitation      ${invitationUrl}
                  (${bob.username} / ${bob.password} joins ${globex.display_name}; the link works once per start)

  Log in as ${alice.username} / ${alice.password}   (Ctrl+C to stop)
  Step-up (a second factor): ${carol.username} / ${carol.password}, TOTP secret ${carolTotp.secret}
${pageHost === host ? '' : `
  The demo pages answer on ${pageHost}:${port} (every interface): only on a network you trust.
`}`);

async function stop() {
  pages.closeAllConnections();
  await new Promise((resolve) => pages.close(resolve));
  await server.stop();
  await api.close();
  await tenant.close();
  process.exit(0);
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
