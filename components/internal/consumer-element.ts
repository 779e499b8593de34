import { LitElement } from 'lit';
import type { Auth0Session } from '../context.js';
import { requestSession } from './context-request.js';

const warned = new Set<string>();

/**
 * The one thing every element but the provider shares: a subscription to the nearest provider's
 * session (a small controller, STYLE.md §1). `session` stays `undefined` until a provider answers;
 * elements render a neutral state meanwhile. Outside any provider, or inside one whose define
 * module is never imported, they render nothing and the page gets one console warning per name.
 */
export class Auth0ConsumerElement extends LitElement {
  private _session?: Auth0Session;
  private _unsubscribe?: () => void;
  // A shadow root from server rendering (declarative shadow DOM): the first render hydrates it and
  // must be what the server rendered, which had no session; the session shows from the next one.
  private _hydrating = false;

  /** The provider's current session, `undefined` before one is found. */
  protected get session(): Auth0Session | undefined {
    return this._hydrating ? undefined : this._session;
  }

  /** Each answer of the provider; a new `unsubscribe` means another provider took over. */
  private readonly _onSession = (session: Auth0Session | undefined, unsubscribe?: () => void): void => {
    if (this._unsubscribe !== unsubscribe) this._unsubscribe?.();
    this._unsubscribe = unsubscribe;
    this._session = session;
    this.requestUpdate();
  };

  override connectedCallback(): void {
    this._hydrating = !this.hasUpdated && !!this.shadowRoot;
    super.connectedCallback();
    requestSession(this, this._onSession);
    // The request above is answered synchronously by an upgraded provider. Unanswered with the
    // provider defined: not inside one. With it not defined (yet): ContextRoot replays the request
    // once it is; still nothing after a few seconds means its define module is not imported.
    if (this._session || warned.has(this.localName)) return;
    if (customElements.get('auth0-provider')) this._warn();
    else setTimeout(() => this._session || customElements.get('auth0-provider') || this._warn(), 3000);
  }

  /** One console warning per element name and page. */
  private _warn(): void {
    if (warned.has(this.localName)) return;
    warned.add(this.localName);
    console.warn(`<${this.localName}> is not inside a defined <auth0-provider>: it renders nothing.`);
  }

  protected override firstUpdated(): void {
    if (this._hydrating) {
      this._hydrating = false;
      void this.updateComplete.then(() => this.requestUpdate());
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._unsubscribe?.();
    this._unsubscribe = undefined;
  }
}
