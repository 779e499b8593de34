import { html, nothing, type PropertyValues } from 'lit';
import { Auth0ConsumerElement } from '../internal/consumer-element.js';
import { emit } from '../events.js';
import { GenericError } from '../../src/index.js';
import { Auth0FetchError, refused } from './fetch-error.js';
import { allows, type Kind } from '../provider/policy.js';
import styles from './fetch.styles.js';

/** `auth0-response`: the API answered; `data` is the parsed body (JSON or text). */
export interface Auth0ResponseDetail {
  status: number;
  data: unknown;
}

declare module '../events.js' {
  interface Auth0EventMap {
    'auth0-response': Auth0ResponseDetail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'auth0-response': CustomEvent<Auth0ResponseDetail>;
  }
}

type State = 'idle' | 'loading' | 'done' | 'error';

/** The request attributes: a change of any of them (or of the signed-in user) means a new request. */
const REQUEST = ['src', 'method', 'body', 'audience', 'scope', 'baseUrl', 'dpopNonceId', 'as'] as const;

/**
 * Calls an API with the signed-in user's access token (`fetchWithAuth` of the provider's engine:
 * `Authorization: DPoP` and a fresh proof for DPoP-bound tokens, `Bearer` otherwise) and shows
 * the answer: a loading note, the data (JSON pretty-printed, as text), or the error. The token
 * never reaches the page: not in the DOM, attributes or events.
 *
 * Markup cannot turn it against the user: it sends a token only to the page's own origin and the
 * provider's `api-origins`, asks only for audiences and scopes configured on the provider, never
 * follows a redirect, and runs methods other than GET and HEAD only on a click or from script —
 * anything else is refused before a token is fetched, with a GenericError saying why (`origin_not_allowed`, …).
 *
 * @summary Data from an API that needs the user's token.
 *
 * @slot button - The label of the button shown with `trigger="click"`. Default: "Load".
 * @slot loading - Shown while the request runs. Default: "Loading…".
 * @slot error - Shown instead of the error message when the request fails.
 *
 * @csspart button - The `<button>` (only with `trigger="click"`).
 * @csspart loading - The loading note.
 * @csspart data - The `<pre>` with the data.
 * @csspart error - The error message.
 *
 * @cssproperty --auth0-fetch-font - Font of the data (default `0.875em ui-monospace, monospace`).
 * @cssproperty --auth0-fetch-background - Background of the data (default `transparent`).
 * @cssproperty --auth0-fetch-padding - Padding of the data (default `0`).
 * @cssproperty --auth0-fetch-error-color - Color of the error message (default `#b00020`).
 * @cssproperty --auth0-button-background - Button background (default `#635dff`).
 * @cssproperty --auth0-button-color - Button label color (default `#fff`).
 * @cssproperty --auth0-button-border - Button border (default `none`).
 * @cssproperty --auth0-button-radius - Corner radius (default `0.375rem`).
 * @cssproperty --auth0-button-padding - Padding (default `0.5em 1em`).
 * @cssproperty --auth0-button-font - Font (default `inherit`).
 * @cssproperty --auth0-focus-ring - Focus outline (default `2px solid #635dff`).
 *
 * @event {Auth0ResponseDetail} auth0-response - The API answered (any status): `{status, data}`.
 * @event {Auth0ErrorDetail} auth0-error - Refused, no token, no answer, an error status or a body that is not JSON: `{error}`.
 */
export class Auth0Fetch extends Auth0ConsumerElement {
  static override styles = styles;

  static override properties = {
    src: {},
    method: {},
    body: {},
    audience: {},
    scope: {},
    baseUrl: { attribute: 'base-url' },
    dpopNonceId: { attribute: 'dpop-nonce-id' },
    as: {},
    trigger: {},
    _state: { state: true },
  };

  /** The API URL; relative URLs join `base-url` (or the page's URL without one). Its origin must be allowed by the provider. */
  src?: string;

  /** The HTTP method. Default `GET`; other than GET and HEAD only with `trigger="click"` or `refetch()`. */
  method = 'GET';

  /** A request body, sent as JSON when it parses as JSON, else as text. */
  body?: string;

  /** Use a token for this API instead of the provider's audience (one the provider was configured for). */
  audience?: string;

  /** Scopes the token needs, in addition to the provider's (ones the provider was configured for). */
  scope?: string;

  /** Joined with a relative `src` (`createFetcher({baseUrl})`). */
  baseUrl?: string;

  /** Where this API's DPoP nonces are kept. Default: the API's origin. */
  dpopNonceId?: string;

  /** `json` (default): parse and pretty-print; `text`: show the body as it came. */
  as: 'json' | 'text' = 'json';

  /** `load` (default): as soon as a user is signed in; `click`: from a button; `manual`: only `refetch()`. */
  trigger: 'load' | 'click' | 'manual' = 'load';

  private _state: State = 'idle';
  private _data: unknown;
  private _error: Error | undefined;
  private _controller?: AbortController;
  private _requested?: string;

  /** The last answer's body: parsed JSON (`as="json"`) or text. `undefined` before one arrives. */
  get data(): unknown {
    return this._data;
  }

  /** Why the last request failed (a typed engine error, or Auth0FetchError with the HTTP `status`). */
  get error(): Error | undefined {
    return this._error;
  }

  /** Sends the request again (any `trigger`); resolves when the answer is shown. */
  refetch(): Promise<void> {
    return this._run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._reset();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const status = this.session?.status;
    // Signed out: nothing of the previous user's data may stay on the page.
    if (status === 'anonymous' || status === 'error') return this._reset();
    if (status !== 'authenticated') return;
    const key = JSON.stringify([this.session!.user?.sub, ...REQUEST.map((name) => this[name])]);
    if (key === this._requested && !changed.has('trigger')) return;
    // A new user or a new request: what is shown belongs to the old one.
    if (this._requested !== undefined && this._state !== 'idle') this._reset();
    this._requested = key;
    if (this.trigger === 'load' && this.src) void this._run(true);
  }

  protected override render() {
    const session = this.session;
    if (!session) return nothing;
    const state = this._state;
    const shown = this.as === 'text' || typeof this._data === 'string' ? String(this._data) : JSON.stringify(this._data, null, 2);
    return html`<button part="button" type="button" ?hidden=${this.trigger !== 'click'}
        ?disabled=${state === 'loading' || session.status !== 'authenticated'} @click=${() => this._run()}><slot name="button">Load</slot></button>
      <span part="loading" role="status" ?hidden=${state !== 'loading'}><slot name="loading">Loading…</slot></span>
      <pre part="data" ?hidden=${state !== 'done'}>${state === 'done' ? shown : nothing}</pre>
      <span part="error" role="alert" ?hidden=${state !== 'error'}><slot name="error">${this._error?.message ?? ''}</slot></span>`;
  }

  private _reset(): void {
    this._controller?.abort();
    this._controller = undefined;
    this._requested = undefined;
    this._data = this._error = undefined;
    this._state = 'idle';
  }

  /** One request; `onLoad`: started by `trigger="load"`, not by a click or a script. */
  private async _run(onLoad?: boolean): Promise<void> {
    this._controller?.abort();
    const controller = (this._controller = new AbortController());
    this._state = 'loading';
    try {
      const client = this.session?.client;
      if (!client) throw new GenericError('no_client', '<auth0-fetch> is not inside a working <auth0-provider>');
      const { src, baseUrl } = this;
      if (!src) throw new TypeError('<auth0-fetch>: the `src` attribute is required');
      const method = this.method || 'GET';
      if (onLoad && !/^(get|head)$/i.test(method)) {
        throw refused('unsafe_method_on_load', method);
      }
      // The exact URL the request goes to — what is checked is what is sent: `src` below
      // `base-url` (a leading slash too, as createFetcher joins them), else against the
      // document's base URL, as fetch would resolve it (`//host`, `\\host`, `<base href>`).
      const url = baseUrl ? new URL(src.replace(/^\/+/, ''), baseUrl.replace(/\/*$/, '/')) : new URL(src, document.baseURI);
      const { audience, scope } = this;
      // Where the token would go, and which token: checked before any token is fetched.
      for (const [kind, value] of [['origin', url.origin], ['audience', audience], ...(scope?.split(' ') ?? []).map((name) => ['scope', name])] as Array<[Kind, string]>) {
        if (value && !allows(client, kind, value)) throw refused(`${kind}_not_allowed`, value);
      }
      const fetcher = client.createFetcher({ dpopNonceId: this.dpopNonceId || url.origin });
      const body = this.body ?? undefined;
      const response = await fetcher.fetchWithAuth(
        url,
        {
          method,
          body,
          // A string body goes as text/plain unless it is JSON.
          headers: body !== undefined && json(body) ? { 'Content-Type': 'application/json' } : {},
          signal: controller.signal,
          // A redirect could take the token to another origin: refused (a network error).
          redirect: 'error',
        },
        { audience, scope },
      );
      const text = await response.text();
      if (controller !== this._controller) return;
      // An empty body is `null`; a body that is not JSON is worth an error state (JSON never parses to undefined).
      const data = this.as === 'text' ? text : text.trim() ? json(text)?.[0] : null;
      if (data === undefined) throw new GenericError('invalid_json', `The API answered HTTP ${response.status} without JSON`);
      emit(this, 'auth0-response', { status: response.status, data });
      if (!response.ok) throw new Auth0FetchError(response.status, data);
      this._data = data;
      this._error = undefined;
      this._state = 'done';
    } catch (error) {
      // A newer request (or a sign-out) replaced this one: its outcome no longer matters.
      if (controller !== this._controller) return;
      this._data = undefined;
      this._error = error as Error;
      this._state = 'error';
      emit(this, 'auth0-error', { error: error as Error });
    }
  }
}

/** `[value]` when `text` is JSON, else `undefined`. */
function json(text: string): [unknown] | undefined {
  try {
    return [JSON.parse(text)];
  } catch {
    return undefined;
  }
}
