// The worker as a file of its own: `npm run build` bundles this into `dist/token-worker.js`, for
// pages whose Content-Security-Policy forbids `blob:` workers (serve it from your origin and pass
// its URL as `workerUrl`). Importing this module starts the worker's message loop in the current
// global scope, so only a worker may load it.
import { tokenWorker } from './token-worker.js';

tokenWorker();
