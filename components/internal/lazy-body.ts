import { adoptStyles, nothing, type CSSResultOrNative, type ReactiveController, type ReactiveElement } from 'lit';
import { emit } from '../events.js';

/**
 * Lazy element bodies: the class that the bundle defines stays thin — its reactive properties
 * (so attributes and properties set before the body loads are kept, as usual), its public methods
 * as one-line forwards, its JSDoc (the manifest reads it) — and its heavy part (templates, logic
 * used once shown or called, styles) is a body class in a module of its own, imported on first
 * connect: a chunk.
 *
 * The thin class (see mfa-challenge.component.ts):
 *   private readonly _body = new LazyBody(this, () => import('./my.body.js'));
 *   protected override render() { return this._body.render(); }
 *   protected override async getUpdateComplete() { await this._body.ready().catch(() => {}); return super.getUpdateComplete(); }
 *   async start() { return (await this._body.ready()).start(); }
 *   get _shownSession() { return this.session; }  // `@internal`: the body reads the session
 * and, for anything that can happen before the body is there (a page event it listens to), a
 * listener in the thin class that forwards: `(e) => void this._body.ready().then((b) => b.onX(e))`.
 * The body module (see mfa-challenge.body.ts): `export default class MyBody` with `static styles`,
 * `constructor(host)` and `render()`; as a Lit ReactiveController it may have `hostUpdate()`
 * (the host's willUpdate), `hostConnected()`, `hostDisconnected()`. It reads the host's
 * properties, keeps its own state, calls `host.requestUpdate()`, and emits with `emit(host, …)`.
 * Event handlers in its templates must be arrow fields (Lit calls them with the host as `this`).
 * Until the body is there the host renders nothing (an empty `:host`) and `updateComplete` waits
 * for it; a body that fails to load is an `auth0-error` on the host, retried on the next connect.
 * The rollup config names the chunk (its LAZY map: the body and its styles module).
 */
export class LazyBody<B extends ElementBody, H extends ReactiveElement = ReactiveElement> implements ReactiveController {
  /** The body, once loaded. */
  body?: B;
  private _loading?: Promise<B>;

  constructor(
    private readonly _host: H,
    private readonly _load: () => Promise<{ default: BodyClass<B, H> }>,
  ) {
    _host.addController(this);
  }

  hostConnected(): void {
    this.ready().catch((error: Error) => emit(this._host, 'auth0-error', { error }));
  }

  /** Loads the body (once) and attaches it to the host: its styles, its controller, a render. */
  ready(): Promise<B> {
    return (this._loading ??= this._load().then(
      ({ default: Body }) => {
        const host = this._host;
        const body = (this.body = new Body(host));
        if (Body.styles) adoptStyles(host.renderRoot as ShadowRoot, Body.styles);
        host.addController(body);
        host.requestUpdate();
        return body;
      },
      (error) => {
        this._loading = undefined;
        throw error;
      },
    ));
  }

  /** The body's template, nothing until it has loaded. */
  render(): unknown {
    return this.body ? this.body.render() : nothing;
  }
}

/** What a body module's default export is. */
export interface BodyClass<B, H> {
  new (host: H): B;
  styles?: CSSResultOrNative[];
}

/** An element body: its template, and any host lifecycle it needs (a ReactiveController). */
export interface ElementBody extends Partial<ReactiveController> {
  render(): unknown;
}
