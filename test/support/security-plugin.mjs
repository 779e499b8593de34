// The network edge for test/browser/security/: two local servers beside the test server, each
// recording every request it receives (method, path, headers, body), and a same-origin API on the
// test server itself. Browser tests read the records through server commands:
//   security-info                 → {evil, api}: the origins of the two servers. `evil` stands in
//                                   for an attacker's site; `api` for another API origin a page owner
//                                   may allow (GET /redirect?to=URL answers 302 to URL).
//   security-requests {server}    → what `evil`, `api` or `self` (/__security/api/* on the test
//                                   server) received so far
//   security-reset                → forgets the records
// /__security/page/<name>.html serves test/fixtures/security/<name>.html with the CSP header given
// in its `csp` query parameter (a real response header, as a site would send it).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';

/** A server on 127.0.0.1 that records each request and answers JSON, with CORS for any origin. */
async function recorder() {
  const seen = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const url = new URL(req.url, 'http://recorder');
      seen.push({ method: req.method, path: url.pathname, query: url.search, headers: req.headers, body });
      const cors = {
        'access-control-allow-origin': req.headers.origin ?? '*',
        'access-control-allow-headers': 'authorization, dpop, content-type',
        'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
        'access-control-expose-headers': 'DPoP-Nonce, WWW-Authenticate',
      };
      if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
      if (url.pathname === '/redirect') return res.writeHead(302, { ...cors, location: url.searchParams.get('to') }).end();
      res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify({ path: url.pathname }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    seen,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))),
  };
}

export function securityPlugin() {
  let evil;
  let api;
  const self = [];
  return {
    name: 'auth0-security-edge',

    async serverStart() {
      [evil, api] = await Promise.all([recorder(), recorder()]);
    },

    async serverStop() {
      await Promise.all([evil?.close(), api?.close()]);
    },

    async serve(context) {
      if (context.path.startsWith('/__security/api/')) {
        self.push({ method: context.method, path: context.path, headers: context.headers });
        return { body: JSON.stringify({ path: context.path, same_origin: true }), type: 'json' };
      }
      const page = /^\/__security\/page\/([\w-]+)\.html$/.exec(context.path);
      if (page) {
        const body = await readFile(new URL(`../fixtures/security/${page[1]}.html`, import.meta.url), 'utf8');
        return { body, type: 'html', headers: { 'content-security-policy': context.query.csp ?? '', 'cache-control': 'no-store' } };
      }
      return undefined;
    },

    async executeCommand({ command, payload = {} }) {
      switch (command) {
        case 'security-info':
          return { evil: evil.origin, api: api.origin };
        case 'security-requests':
          return { evil: evil.seen, api: api.seen, self }[payload.server] ?? null;
        case 'security-reset':
          evil.seen.length = 0;
          api.seen.length = 0;
          self.length = 0;
          return true;
        default:
          return undefined;
      }
    },
  };
}
