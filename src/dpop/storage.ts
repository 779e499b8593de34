// The DPoP database: one IndexedDB database per origin, with the key pairs and the nonces of every
// client, in the SPA SDK's layout (database `auth0-spa-js` v1, stores `keypair` and `nonce`), so a
// session bound to the key the SDK made goes on after an app switches to this engine. IndexedDB is the one place a browser keeps a non-extractable CryptoKey across reloads
// without ever exposing its private half (WebCrypto keys are structured-cloneable).
//
// Plain IndexedDB rather than `idb`: four one-request operations need no more than `done()` below,
// and `idb`'s proxies would cost about 1 KB gzip of the kit's 25 KB budget.
import { GenericError } from '../errors.js';

type Store = 'keypair' | 'nonce';

/** The few operations the key and nonce stores need, each one request in its own transaction. */
export interface DpopDatabase {
  get<T>(store: Store, key: string): Promise<T | undefined>;
  put(store: Store, value: unknown, key: string): Promise<unknown>;
  /** Like `put`, but fails when the key exists. */
  add(store: Store, value: unknown, key: string): Promise<unknown>;
  delete(store: Store, key: string | IDBKeyRange): Promise<unknown>;
}

/** A request's result, or its error. */
const done = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/**
 * Opens the database. Private modes and blocked storage show up as a missing `indexedDB`, an
 * `open` that throws, an error event, a `blocked` event, or no answer at all: each one becomes the
 * same GenericError `dpop_unavailable`, the last after `timeoutMs`, so nothing hangs.
 */
export function openDpopDatabase(timeoutMs: number): Promise<DpopDatabase> {
  return new Promise((resolve, reject) => {
    const fail = (reason: unknown) => {
      clearTimeout(timer);
      reject(new GenericError('dpop_unavailable', `useDpop keeps its key in IndexedDB, and IndexedDB is unavailable (${(reason as Error)?.message ?? reason})`));
    };
    const timer = setTimeout(fail, timeoutMs, `no answer in ${timeoutMs} ms`);
    try {
      const request = indexedDB.open('auth0-spa-js', 1);
      request.onupgradeneeded = () => ['nonce', 'keypair'].forEach((name) => request.result.createObjectStore(name));
      request.onblocked = () => fail('blocked by another tab');
      done(request).then((db) => {
        clearTimeout(timer);
        // Never block another tab's upgrade: let go, the next page opens the new version.
        db.onversionchange = () => db.close();
        const run = (store: Store, op: (objects: IDBObjectStore) => IDBRequest) =>
          done(op(db.transaction(store, 'readwrite').objectStore(store)));
        resolve({
          get: (store, key) => run(store, (objects) => objects.get(key)),
          put: (store, value, key) => run(store, (objects) => objects.put(value, key)),
          add: (store, value, key) => run(store, (objects) => objects.add(value, key)),
          delete: (store, key) => run(store, (objects) => objects.delete(key)),
        });
      }, fail);
    } catch (error) {
      // `indexedDB` missing (a ReferenceError or null) or `open` refused at once.
      fail(error);
    }
  });
}
