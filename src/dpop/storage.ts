// The DPoP database: one IndexedDB database per origin, with the key pairs and the nonces of every
// client. IndexedDB is the one place a browser keeps a non-extractable CryptoKey across reloads
// without ever exposing its private half (WebCrypto keys are structured-cloneable).
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { GenericError } from '../errors.js';

/** What the database holds: key pairs by client id, nonces by `<clientId>::<nonce id>`. */
export interface DpopSchema extends DBSchema {
  keys: { key: string; value: CryptoKeyPair };
  nonces: { key: string; value: string };
}

export type DpopDatabase = IDBPDatabase<DpopSchema>;

const NAME = 'auth0-elements-dpop';

/** The error every DPoP use reports when the browser has no working IndexedDB. */
function unavailable(reason: string): GenericError {
  return new GenericError(
    'dpop_unavailable',
    `useDpop needs IndexedDB to keep its key pair, and IndexedDB is unavailable (${reason}). ` +
      'This happens in some private-browsing modes or when site storage is blocked; turn useDpop off for such browsers.',
  );
}

/**
 * Opens the database. Private modes and blocked storage show up as a missing `indexedDB`, an
 * `open` that throws, an error event, a `blocked` event, or no answer at all: each one becomes the
 * same GenericError `dpop_unavailable`, the last after `timeoutMs`, so nothing hangs.
 */
export function openDpopDatabase(timeoutMs: number): Promise<DpopDatabase> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(unavailable(`no answer within ${timeoutMs} ms`)), timeoutMs);
    const fail = (reason: string) => {
      clearTimeout(timer);
      reject(unavailable(reason));
    };
    try {
      if (typeof indexedDB === 'undefined' || !indexedDB) return fail('no indexedDB in this browser');
      openDB<DpopSchema>(NAME, 1, {
        upgrade(db) {
          db.createObjectStore('keys');
          db.createObjectStore('nonces');
        },
        blocked: () => fail('the database is blocked by another tab'),
      }).then(
        (db) => {
          clearTimeout(timer);
          resolve(db);
        },
        (error: Error) => fail(error?.message || String(error)),
      );
    } catch (error) {
      fail((error as Error)?.message || String(error));
    }
  });
}
