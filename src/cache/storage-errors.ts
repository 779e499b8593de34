// Storage that fails — full (quota), or throwing on any access (storage disabled, a sandboxed
// frame, private modes) — as the engine's typed errors, with the storage's own error as `cause`,
// so the app gets `error.error` to branch on instead of a bare DOMException.
import { GenericError } from '../errors.js';

/** `storage_full` when the storage refused a write for its quota, else `storage_unavailable`. */
export function storageError(cause: unknown): GenericError {
  const error = new GenericError((cause as DOMException)?.name === 'QuotaExceededError' ? 'storage_full' : 'storage_unavailable', `Storage failed: ${cause}`);
  error.cause = cause;
  return error;
}

/** Runs `action` on a Web Storage, turning what it throws into a `storageError`. */
export function guarded<T>(action: () => T): T {
  try {
    return action();
  } catch (e) {
    throw storageError(e);
  }
}
