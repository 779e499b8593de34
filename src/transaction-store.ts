// The login in flight, between `loginWithRedirect` and `handleRedirectCallback`: one per client,
// in sessionStorage (per tab, survives the round trip to the tenant) under the SPA SDK's key.

/** What a redirect login must remember to finish safely. */
export interface Transaction {
  state: string;
  nonce: string;
  code_verifier: string;
  redirect_uri: string | undefined;
  /** The requested scope and audience: the cache key of the resulting token. */
  scope: string;
  audience: string;
  appState?: any;
  organization?: string;
  max_age?: number;
  /** `code` for login (the connect flow of issue 7 stores `connect_code`). */
  response_type?: 'code' | 'connect_code';
  connection?: string;
}

/** sessionStorage under `a0.spajs.txs.<clientId>`. */
export class TransactionStore {
  readonly #key: string;

  constructor(clientId: string) {
    this.#key = `a0.spajs.txs.${clientId}`;
  }

  create(transaction: Transaction): void {
    sessionStorage.setItem(this.#key, JSON.stringify(transaction));
  }

  get(): Transaction | undefined {
    try {
      return JSON.parse(sessionStorage.getItem(this.#key) ?? 'null') ?? undefined;
    } catch {
      return undefined;
    }
  }

  remove(): void {
    sessionStorage.removeItem(this.#key);
  }

  /** Reads and removes the transaction in one step: a callback URL can be used only once. */
  take(): Transaction | undefined {
    const transaction = this.get();
    this.remove();
    return transaction;
  }
}
