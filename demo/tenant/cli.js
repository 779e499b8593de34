#!/usr/bin/env node
// Runs the local Auth0-shaped tenant until interrupted:
//   node demo/tenant/cli.js --port 3001 --origin http://127.0.0.1:8000 [--origin …] [--quiet]
// Prints the issuer (the `domain` to give the SDK is the same without the trailing slash).
import { parseArgs } from 'node:util';
import { startTenant } from './index.js';

const usage = 'usage: auth0-elements-tenant [--port N] [--host 127.0.0.1] [--origin http://127.0.0.1:8000]... [--quiet]';

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      origin: { type: 'string', multiple: true, default: [] },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got ${JSON.stringify(values.port)}\n${usage}`);
  process.exit(2);
}
for (const origin of values.origin) {
  if (URL.parse(origin)?.origin !== origin.replace(/\/$/, '')) {
    console.error(`--origin must be an origin such as http://127.0.0.1:8000, got ${JSON.stringify(origin)}`);
    process.exit(2);
  }
}

const tenant = await startTenant({ port, host: values.host, appOrigins: values.origin, quiet: values.quiet }).catch((error) => {
  if (error?.code !== 'EADDRINUSE') throw error;
  console.error(`auth0-elements-tenant: port ${port} on ${values.host} is in use: stop that process, or choose another --port`);
  process.exit(1);
});
console.log(tenant.issuer);
if (!values.quiet) {
  const { spa } = tenant.info.clients;
  console.error(`local tenant: domain ${tenant.domain}, SPA client_id ${spa.clientId}, app origins: ${values.origin.join(', ') || '(none)'}`);
  console.error(`users: ${Object.values(tenant.info.users).map((u) => `${u.username}/${u.password}`).join(', ')}`);
}

const stop = () => tenant.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
