// One API process of the multi-process Redis test (not a test file itself): Express with the
// server entry's auth() middleware, DPoP required with server nonces, the replay store and the nonce
// secret in Redis. Configuration comes as JSON in API_PROCESS_CONFIG; prints its URL when listening.
import express from 'express';
import { auth, RedisReplayStore } from '../../lib/src/server/index.js';

const config = JSON.parse(process.env.API_PROCESS_CONFIG ?? 'null');
if (!config) {
  console.error('server-redis-api.mjs: started without API_PROCESS_CONFIG');
  process.exit(2);
}
const store = await RedisReplayStore.connect({ url: config.redisUrl, prefix: config.prefix, timeoutMs: 500 });
const app = express();
app.set('env', 'test');
app.use(
  auth({
    issuerBaseURL: config.domain,
    audience: config.audience,
    baseUrl: config.baseUrl,
    dpop: { required: true, replayStore: store, nonce: { secret: await store.nonceSecret() } },
  }),
);
app.get('/api/messages', (req, res) => res.json({ pid: process.pid, sub: req.auth.payload.sub }));
app.use((error, req, res, next) => {
  res.status(error.status ?? 500).set(error.headers ?? {}).json({ error: error.error ?? 'server_error', pid: process.pid });
});
const server = app.listen(0, '127.0.0.1', () => {
  console.log(`listening http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => store.close().finally(() => process.exit(0)));
});
