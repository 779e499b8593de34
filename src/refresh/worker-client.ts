// The page's side of the refresh-token worker (memory mode): starts it — from a Blob URL made of
// its own source, so the single-file bundles need no second file, or from `workerUrl` where a
// strict Content-Security-Policy forbids `blob:` workers — and talks to it one MessageChannel per
// request. Answers are mapped to the errors `fetchJson` throws, so callers cannot tell the two apart.
import { GenericError, TimeoutError } from '../errors.js';
import { answerError, jsonResponse, postInit, requestFailed, type JsonResponse } from '../http.js';
import { tokenWorker, type WorkerReply, type WorkerRequest } from './token-worker.js';
import { pickSlot, type FoundRefreshToken, type JsonTransport, type RefreshSlot, type RefreshTokenVault, type RevokeRequest } from './vault.js';

/** How long the worker may take to answer a message that makes no request. */
const LOCAL_TIMEOUT_MS = 10_000;

let blobUrl: string | undefined;

/** One Blob URL per page for the worker's source text (kept: every client may start a worker). */
function workerSource(): string {
  blobUrl ??= URL.createObjectURL(new Blob([`(${tokenWorker})()`], { type: 'text/javascript' }));
  return blobUrl;
}

const unavailable = (detail: string) =>
  new GenericError('worker_unavailable', `Refresh-token worker failed to start (${detail}); under a CSP, set workerUrl`);

/** Keeps refresh tokens in a dedicated Web Worker; the page only ever names slots. */
export class WorkerVault implements RefreshTokenVault {
  readonly #domainUrl: string;
  readonly #workerUrl?: string;
  #worker?: Worker;
  /** The slots that hold a token, newest first, as the worker's last answer listed them. */
  #slots: RefreshSlot[] = [];
  #failure?: GenericError;
  /** Rejecters of the calls waiting for an answer, so a crashed worker fails them at once. */
  readonly #waiting = new Set<(error: GenericError) => void>();

  /**
   * @param domainUrl the tenant: the worker will only send tokens to its `/oauth/token` and
   *   `/oauth/revoke`.
   * @param workerUrl a same-origin URL of `dist/token-worker.js`, for strict CSPs.
   */
  constructor(domainUrl: string, workerUrl?: string) {
    this.#domainUrl = domainUrl;
    this.#workerUrl = workerUrl;
  }

  /** Started on first use: clients that never get a refresh token never start a worker. */
  #start(): Worker | undefined {
    if (this.#failure) return undefined;
    if (this.#worker) return this.#worker;
    try {
      const worker = new Worker(this.#workerUrl ?? workerSource());
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        this.#fail(unavailable(event.message || 'it failed to load'));
      });
      const domain = this.#domainUrl;
      worker.postMessage({ type: 'init', tokenUrl: `${domain}/oauth/token`, revokeUrl: `${domain}/oauth/revoke` } satisfies WorkerRequest);
      this.#worker = worker;
    } catch (e) {
      this.#fail(unavailable((e as Error).message));
    }
    return this.#worker;
  }

  #fail(error: GenericError): void {
    this.#failure ??= error;
    for (const reject of [...this.#waiting]) reject(this.#failure);
  }

  async find(audience: string, scope: string, useMrrt: boolean): Promise<FoundRefreshToken | undefined> {
    return pickSlot(this.#slots, audience, scope, useMrrt);
  }

  transport(to: RefreshSlot, from?: FoundRefreshToken): JsonTransport {
    return async (url, init, timeoutMs) => {
      const reply = await this.#call(
        { type: 'token', url, headers: headersOf(init), body: String(init.body ?? ''), timeoutMs, to: slotOf(to), from: from && slotOf(from) },
        timeoutMs + LOCAL_TIMEOUT_MS,
      );
      return responseOf(reply, url);
    };
  }

  async discard(found: FoundRefreshToken): Promise<void> {
    if (this.#worker) await this.#call({ type: 'discard', slot: slotOf(found) });
  }

  async revoke(audience: string, request: RevokeRequest): Promise<void> {
    if (!this.#worker) return;
    const { headers, body } = postInit(request.useFormData, { client_id: request.clientId });
    const reply = await this.#call({ type: 'revoke', url: request.url, headers, body, timeoutMs: request.timeoutMs, audience }, request.timeoutMs * 4 + LOCAL_TIMEOUT_MS);
    const response = responseOf(reply, request.url);
    if (!response.ok) throw answerError(request.url, response);
  }

  async clear(): Promise<void> {
    if (this.#worker) await this.#call({ type: 'clear' });
  }

  // One worker per tab: nothing is shared with other tabs, nothing to wait for.
  async catchUp(): Promise<void> {}

  async settle(): Promise<void> {}

  /** Posts one message and waits for its answer on a fresh channel. */
  #call(message: WorkerRequest, timeoutMs = LOCAL_TIMEOUT_MS): Promise<WorkerReply> {
    return new Promise((resolve, reject) => {
      const worker = this.#start();
      if (!worker) return reject(this.#failure);
      const channel = new MessageChannel();
      const done = () => {
        clearTimeout(timer);
        channel.port1.close();
        this.#waiting.delete(fail);
      };
      const fail = (error: GenericError) => {
        done();
        reject(error);
      };
      const timer = setTimeout(() => fail(this.#failure ?? new TimeoutError()), timeoutMs);
      this.#waiting.add(fail);
      channel.port1.onmessage = ({ data }) => {
        done();
        this.#slots = data.slots ?? this.#slots;
        resolve(data as WorkerReply);
      };
      worker.postMessage(message, [channel.port2]);
    });
  }
}

/** Only the slot's own fields cross to the worker. */
const slotOf = ({ audience, scope }: RefreshSlot): RefreshSlot => ({ audience, scope });

function headersOf(init: RequestInit): Record<string, string> {
  return Object.fromEntries(new Headers(init.headers));
}

/** The worker's answer as `fetchJson` would have returned it, or the error it would have thrown. */
function responseOf(reply: WorkerReply, url: string): JsonResponse<any> {
  if (reply.fail === 'request') throw requestFailed(url, reply);
  if (reply.fail === 'refused') throw new GenericError('invalid_fetch_url', `Refresh tokens go to the tenant only, not to ${new URL(url).pathname}`);
  if (reply.fail) throw new GenericError('worker_error', `Refresh-token worker: ${reply.message}`);
  const headers = new Headers();
  if (reply.dpopNonce) headers.set('DPoP-Nonce', reply.dpopNonce);
  if (reply.retryAfter) headers.set('Retry-After', reply.retryAfter);
  return jsonResponse(url, { ok: !!reply.ok, status: reply.status ?? 0, headers, text: reply.text ?? '' });
}
