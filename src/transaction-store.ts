// The login in flight, between `loginWithRedirect` and `handleRedirectCallback`: one per client,
// in sessionStorage (per tab, survives the round trip to the tenant) under the SPA SDK's key.
import type { AuthorizeRequest } from './authorize-url.js';
import { guarded } from './cache/storage-errors.js';

/** What a redirect login must remember to finish safely. */
export interface Transaction extends Omit<AuthorizeRequest, 'url'> {
  appState?: any;
  organization?: string;
  max_age?: number;
  response_type?: 'code';
}

/** A connected-accounts redirect in flight: what the My Account API's `complete` needs. */
export interface ConnectTransaction {
  response_type: 'connect_code';
  state: string;
  code_verifier: string;
  auth_session: string;
  redirect_uri: string;
  connection: string;
  appState?: any;
}

type Stored = Transaction | ConnectTransaction;

/**
 * sessionStorage under `a0.spajs.txs.<clientId>`, with the tenant that started it: the key names
 * the client only, and another engine of the same client on the page (an injected provider for
 * another domain) must not take the PKCE verifier and send the code with it to its own tenant.
 */
export class TransactionStore {
  readonly #key: string;
  readonly #tenant: string;

  constructor(clientId: string, tenant: string) {
    this.#key = `a0.spajs.txs.${clientId}`;
    this.#tenant = tenant;
  }

  /** @throws GenericError `storage_full` / `storage_unavailable` when sessionStorage fails. */
  create(transaction: Stored): void {
    guarded(() => sessionStorage.setItem(this.#key, JSON.stringify({ ...transaction, tenant: this.#tenant })));
  }

  remove(): void {
    guarded(() => sessionStorage.removeItem(this.#key));
  }

  /**
   * Reads and removes the transaction in one step: a callback URL can be used only once. One of
   * another tenant is left where it is, for its own engine (as is one that names no tenant:
   * unusable, it goes with the next login or logout).
   */
  take(): Stored | undefined {
    const json = guarded(() => sessionStorage.getItem(this.#key));
    let stored;
    try {
      stored = JSON.parse(json ?? 'null');
    } catch {
      /* unreadable: as absent */
    }
    if (stored?.tenant !== this.#tenant) return undefined;
    this.remove();
    return stored;
  }

}
