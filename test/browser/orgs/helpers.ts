// Helpers of the organization and token-exchange tests: redirect logins inside an iframe, subject
// tokens from the tenant's demo legacy identity provider, and what the tenant saw.
import { tenant } from '../../support/tenant.js';
import type { Auth0Client } from '../../../src/index.js';
import { facts, frame, nextFixtureMessage, type Facts } from '../engine/helpers.js';

export { cleanSlate, facts, failure, frame, inspectableCache, jwtPayload, newClient, nextFixtureMessage, popupLogin } from '../engine/helpers.js';
export { CALLBACK_PAGE } from '../engine/helpers.js';

export type UserKey = keyof Facts['users'];

/** The tenant's custom token exchange profile: its subject token type. */
export async function exchangeFacts(): Promise<{ subjectTokenType: string }> {
  return ((await tenant.info()) as any).tokenExchange;
}

/** A fresh subject token from the demo legacy identity provider (works once). */
export function legacyToken(sub: string, jti?: string): Promise<string> {
  return tenant.control<string>('mintLegacyToken', jti ? { sub, jti } : { sub });
}

/** Token requests the tenant saw since the last `resetRequests`, as sent by the client. */
export function tokenRequests(filter: Record<string, unknown> = {}): Promise<Array<Record<string, any>>> {
  return tenant.control('tokenRequests', filter);
}

/** `/authorize` requests the tenant saw since the last `resetRequests`. */
export function authorizeRequests(): Promise<Array<Record<string, any>>> {
  return tenant.control('requests', { path: '/authorize' });
}

/**
 * A redirect login whose redirects happen in an iframe: the client (in this page) opens the
 * authorize URL in the frame; the login page is filled when `user` is given (else the tenant's
 * session answers); resolves with the URL the tenant sent the browser back to.
 */
export async function redirectRoundTrip(client: Auth0Client, user: UserKey | undefined, options: Parameters<Auth0Client['loginWithRedirect']>[0] = {}): Promise<string> {
  const { users } = await facts();
  const iframe = frame();
  const back = nextFixtureMessage<{ url: string }>('engine-test-callback');
  try {
    await client.loginWithRedirect({ ...options, openUrl: (url) => void (iframe.src = url) });
    if (user) await tenant.login(users[user].username, users[user].password);
    return (await back).url;
  } finally {
    iframe.remove();
  }
}

/** The organization-hint cookie of the test client, if set (JSON, as the SPA SDK writes it). */
export async function organizationHint(): Promise<string | undefined> {
  const { clientId } = await facts();
  const name = `auth0.${clientId}.organization_hint=`;
  const pair = document.cookie.split('; ').find((p) => p.startsWith(name));
  return pair && JSON.parse(decodeURIComponent(pair.slice(name.length)));
}

/**
 * A same-origin fixture page in a visible iframe (redirects and reloads happen there, not in the
 * test page), configured through sessionStorage, and the messages it posts.
 */
export class FixtureFrame {
  readonly frame = document.createElement('iframe');
  readonly messages: Array<Record<string, any>> = [];
  readonly #listener = (event: MessageEvent) => {
    if (event.origin === location.origin && event.source === this.frame.contentWindow) this.messages.push(event.data);
  };

  constructor(
    readonly path: string,
    readonly storageKey: string,
  ) {
    addEventListener('message', this.#listener);
  }

  /** Stores `config` for the page and opens it (with `query` appended, e.g. an invitation link). */
  open(config: Record<string, unknown>, query = ''): void {
    sessionStorage.setItem(this.storageKey, JSON.stringify(config));
    this.frame.style.cssText = 'width: 800px; height: 500px';
    this.frame.src = `${this.path}${query}`;
    document.body.append(this.frame);
  }

  /** The first message matching `where`, waiting for it; a page error or a timeout fails. */
  async next(where: (message: Record<string, any>) => boolean, timeoutMs = 15_000): Promise<Record<string, any>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(where);
      if (found) return found;
      const broken = this.messages.find((m) => m.type === 'page-error');
      if (broken) throw new Error(`fixture page error: ${JSON.stringify(broken)}`);
      if (Date.now() > deadline) throw new Error(`no matching message from ${this.path}; got ${JSON.stringify(this.messages)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  get document(): Document {
    return this.frame.contentDocument!;
  }

  remove(): void {
    removeEventListener('message', this.#listener);
    this.frame.remove();
    sessionStorage.removeItem(this.storageKey);
  }
}
