import { randomBytes } from 'node:crypto';
import { InvalidArgumentError, ReplayStoreUnavailableError } from './errors.js';
import type { ReplayStore } from './replay-cache.js';

/**
 * The part of a `redis` (node-redis 4 or later) client this store uses: `sendCommand` with the
 * command as an array of strings.
 */
export interface RedisClientLike {
  sendCommand(args: string[]): Promise<unknown>;
}

/** Options of {@link RedisReplayStore.connect}. */
export interface RedisReplayStoreOptions {
  /** A `redis://` URL: the optional `redis` package is imported and a client created for it. */
  url?: string;
  /** Or a connected client of your own (its offline queue should be off: `disableOfflineQueue`). */
  client?: RedisClientLike;
  /** Prefix of every key this store writes. Default `auth0-elements:dpop:`. */
  prefix?: string;
  /** Milliseconds one Redis command may take before the proof is refused (503). Default 1000. */
  timeoutMs?: number;
}

const sleepReject = (ms: number) =>
  new Promise<never>((_, reject) => {
    setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms).unref?.();
  });

/**
 * A {@link ReplayStore} in Redis, for an API that runs in several processes or on several hosts:
 * a proof used on one is refused on all (RFC 9449 §11.1). One atomic `SET key 1 NX PXAT expiresAt`
 * per proof. When Redis cannot be reached or does not answer in `timeoutMs`, the proof is refused
 * with {@link ReplayStoreUnavailableError} (503, fail closed); verification comes back with Redis.
 * Also holds the nonce state the processes share: {@link RedisReplayStore.nonceSecret}.
 */
export class RedisReplayStore implements ReplayStore {
  readonly #client: RedisClientLike;
  readonly #prefix: string;
  readonly #timeoutMs: number;
  readonly #close: (() => Promise<unknown>) | undefined;

  private constructor(client: RedisClientLike, prefix: string, timeoutMs: number, close?: () => Promise<unknown>) {
    this.#client = client;
    this.#prefix = prefix;
    this.#timeoutMs = timeoutMs;
    this.#close = close;
  }

  /**
   * A store on `client`, or on a new client for `url` (the `redis` package, an optional peer
   * dependency, is imported only then; its offline queue is off so that an outage fails fast).
   * @throws {TypeError} neither or both of url / client, or a wrong option.
   * @throws {ReplayStoreUnavailableError} a new client could not connect within `timeoutMs`.
   */
  static async connect(options: RedisReplayStoreOptions): Promise<RedisReplayStore> {
    const { url, client, prefix = 'auth0-elements:dpop:', timeoutMs = 1000 } = options ?? {};
    if ((url === undefined) === (client === undefined)) {
      throw new InvalidArgumentError('url', 'RedisReplayStore: give exactly one of url or client');
    }
    if (client !== undefined && typeof client?.sendCommand !== 'function') {
      throw new InvalidArgumentError('client', 'RedisReplayStore: the client option must be a redis client (sendCommand)');
    }
    if (typeof prefix !== 'string') throw new InvalidArgumentError('prefix', 'RedisReplayStore: the prefix option must be a string');
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new InvalidArgumentError('timeoutMs', 'RedisReplayStore: the timeoutMs option must be a positive number');
    }
    if (client) return new RedisReplayStore(client, prefix, timeoutMs);
    if (typeof url !== 'string' || !/^rediss?:\/\//.test(url)) {
      throw new InvalidArgumentError('url', 'RedisReplayStore: the url option must be a redis:// or rediss:// URL');
    }
    let redis: typeof import('redis');
    try {
      redis = await import('redis');
    } catch (cause) {
      throw new TypeError('RedisReplayStore: the url option needs the "redis" package (npm i redis)', { cause });
    }
    const created = redis.createClient({
      url,
      disableOfflineQueue: true,
      socket: { connectTimeout: timeoutMs, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1000) },
    });
    // node-redis reports every failed reconnect as an 'error' event; the commands fail on their own.
    created.on('error', () => {});
    try {
      await Promise.race([created.connect(), sleepReject(timeoutMs)]);
    } catch (cause) {
      created.destroy();
      throw new ReplayStoreUnavailableError('Redis could not be reached', { cause });
    }
    return new RedisReplayStore(created as unknown as RedisClientLike, prefix, timeoutMs, () => created.close());
  }

  async #command(args: string[]): Promise<unknown> {
    try {
      return await Promise.race([this.#client.sendCommand(args), sleepReject(this.#timeoutMs)]);
    } catch (cause) {
      throw new ReplayStoreUnavailableError('the DPoP replay store (Redis) cannot be reached', { cause });
    }
  }

  /** @throws {ReplayStoreUnavailableError} Redis is down or too slow. */
  async seen(key: string, expiresAt: number): Promise<boolean> {
    const answer = await this.#command(['SET', `${this.#prefix}jti:${key}`, '1', 'NX', 'PXAT', String(Math.ceil(expiresAt))]);
    return answer !== 'OK';
  }

  /**
   * The DPoP nonce secret every process of the API shares: created once in Redis (32 random bytes,
   * `SET NX`), then read by the others. Pass it as `dpop.nonce.secret`, so a nonce issued by one
   * process is accepted by all.
   * @throws {ReplayStoreUnavailableError} Redis is down.
   */
  async nonceSecret(): Promise<string> {
    const name = `${this.#prefix}nonce-secret`;
    await this.#command(['SET', name, randomBytes(32).toString('base64url'), 'NX']);
    const secret = await this.#command(['GET', name]);
    if (typeof secret !== 'string' || secret.length < 16) throw new ReplayStoreUnavailableError('the shared nonce secret in Redis is missing');
    return secret;
  }

  /** Closes the client this store created (a client you passed is yours to close). */
  async close(): Promise<void> {
    await this.#close?.();
  }
}
