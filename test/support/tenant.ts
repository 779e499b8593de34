// Browser-side handle on the local tenant for tests (see test/support/tenant-plugin.mjs).
import { executeServerCommand } from '@web/test-runner-commands';

export interface TenantInfo {
  /** `http://127.0.0.1:PORT/`, with the trailing slash, as Auth0's `iss`. */
  issuer: string;
  /** `http://127.0.0.1:PORT`: what the engine's `domain` option takes. */
  domain: string;
  /** The demo API beside the tenant (`/api/messages`): DPoP-bound tokens and server nonces. */
  apiUrl: string;
  [key: string]: unknown;
}

let cached: Promise<TenantInfo> | undefined;

export const tenant = {
  info(): Promise<TenantInfo> {
    cached ??= executeServerCommand<TenantInfo, undefined>('tenant-info') as Promise<TenantInfo>;
    return cached;
  },
  /** Calls `tenant.control[method](...args)` in the Node process that runs the tenant. */
  control<T = unknown>(method: string, ...args: unknown[]): Promise<T> {
    return executeServerCommand('tenant-control', { method, args }) as Promise<T>;
  },
  /** Fills and submits the tenant's login page wherever it is open (popup, iframe, tab). */
  login(username: string, password: string, timeoutMs = 10_000): Promise<boolean> {
    return executeServerCommand('tenant-login', { username, password, timeoutMs }) as Promise<boolean>;
  },
  clearCookies(): Promise<boolean> {
    return executeServerCommand('clear-cookies') as Promise<boolean>;
  },
};
