// The login in flight, between `loginWithRedirect` and `handleRedirectCallback`: one per client,
// in sessionStorage (per tab, survives the round trip to the tenant) under the SPA SDK's key — or,
// with `useCookiesForTransactions`, in a cookie of that name (a day, the hint cookies' attributes)
// for callbacks that open in another tab or a new browser process (magic links, email verification).
import type { AuthorizeRequest } from './authorize-url.js';
import { guarded } from './cache/storage-errors.js';
import { getCookie, setCookie, type CookieOptions } from './cookies.js';

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
  /** The cookie's attributes with `useCookiesForTransactions`; sessionStorage without. */
  readonly #cookie?: CookieOptions;

  constructor(clientId: string, tenant: string, cookie?: CookieOptions) {
    this.#key = `a0.spajs.txs.${clientId}`;
    this.#tenant = tenant;
    this.#cookie = cookie && { ...cookie, daysUntilExpire: 1 };
  }

  /** @throws GenericError `storage_full` / `storage_unavailable` when sessionStorage fails. */
  create(transaction: Stored): void {
    const stored = { ...transaction, tenant: this.#tenant };
    if (this.#cookie) setCookie(this.#key, stored, this.#cookie);
    else guarded(() => sessionStorage.setItem(this.#key, JSON.stringify(stored)));
  }

  remove(): void {
    if (this.#cookie) setCookie(this.#key, undefined, this.#cookie);
    else guarded(() => sessionStorage.removeItem(this.#key));
  }

  /**
   * Reads and removes the transaction in one step: a callback URL can be used only once. One of
   * another tenant is left where it is, for its own engine (as is one that names no tenant:
   * unusable, it goes with the next login or logout).
   */
  take(): Stored | undefined {
    let stored = this.#cookie ? getCookie(this.#key) : guarded(() => sessionStorage.getItem(this.#key));
    try {
      if (!this.#cookie) stored = JSON.parse(stored ?? 'null');
    } catch {
      /* unreadable: as absent */
    }
    if (stored?.tenant !== this.#tenant) return undefined;
    this.remove();
    return stored;
  }

}
