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

/** sessionStorage under `a0.spajs.txs.<clientId>`. */
export class TransactionStore {
  readonly #key: string;

  constructor(clientId: string) {
    this.#key = `a0.spajs.txs.${clientId}`;
  }

  /** @throws GenericError `storage_full` / `storage_unavailable` when sessionStorage fails. */
  create(transaction: Stored): void {
    guarded(() => sessionStorage.setItem(this.#key, JSON.stringify(transaction)));
  }

  remove(): void {
    guarded(() => sessionStorage.removeItem(this.#key));
  }

  /** Reads and removes the transaction in one step: a callback URL can be used only once. */
  take(): Stored | undefined {
    const json = guarded(() => sessionStorage.getItem(this.#key));
    this.remove();
    try {
      return JSON.parse(json ?? 'null') ?? undefined;
    } catch {
      return undefined;
    }
  }
}
