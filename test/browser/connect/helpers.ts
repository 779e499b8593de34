// Shared helpers of the connected-accounts tests: a client set up as the seed's "Connect Accounts"
// example asks (refresh tokens, MRRT, DPoP), the consent step of the stand-in upstream provider,
// and an observer of what the page sends to the My Account API.
import { executeServerCommand } from '@web/test-runner-commands';
import { tenant } from '../../support/tenant.js';
import type { Auth0Client, Auth0ClientOptions } from '../../../src/index.js';
import { CALLBACK_PAGE, facts, frame, newClient, nextFixtureMessage, popupLogin } from '../engine/helpers.js';

export { CALLBACK_PAGE, cleanSlate, facts, failure, frame, jwtPayload, nextFixtureMessage, popupLogin } from '../engine/helpers.js';

export const CONNECTION = 'google-oauth2';
export const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar.readonly';

/**
 * The seed's configuration: refresh tokens, MRRT and DPoP; redirects come back to the callback
 * fixture. The API's scopes go with the login (as in the seed), not into the client's default
 * scope, which would apply to the My Account API's token too.
 */
export async function connectClient(options: Partial<Auth0ClientOptions> = {}): Promise<Auth0Client> {
  const { apis } = await facts();
  return newClient({
    useRefreshTokens: true,
    useMrrt: true,
    useDpop: true,
    authorizationParams: { audience: apis.default, redirect_uri: CALLBACK_PAGE },
    ...options,
  });
}

/** The tenant's facts the connect tests need beyond the engine's. */
export async function connectFacts() {
  const info = (await tenant.info()) as any;
  return {
    ...(await facts()),
    myAccount: `${info.issuer}me/`,
    apiUrl: info.apiUrl as string,
    spaClientId: info.clients.spa.clientId as string,
  };
}

/**
 * Removes every connected account of `user` through the My Account API (list, then delete), so a
 * test can start from "not connected" whatever earlier test files did on the shared tenant. Leaves
 * a tenant session behind: run `cleanSlate()` afterwards when the test needs a login page.
 */
export async function forgetConnectedAccounts(user: 'alice' | 'bob' = 'alice'): Promise<void> {
  const { myAccount } = await connectFacts();
  const client = await newClient({ useDpop: true, authorizationParams: { audience: myAccount, scope: 'read:me:connected_accounts delete:me:connected_accounts' } });
  await popupLogin(client, user);
  const fetcher = client.createFetcher({ dpopNonceId: 'my-account-test' });
  const { accounts } = await (await fetcher.fetchWithAuth(`${myAccount}v1/connected-accounts/accounts`)).json();
  for (const { id } of accounts) {
    const removed = await fetcher.fetchWithAuth(`${myAccount}v1/connected-accounts/accounts/${id}`, { method: 'DELETE' });
    if (removed.status !== 204) throw new Error(`could not remove connected account ${id}: HTTP ${removed.status}`);
  }
  await client.logout({ openUrl: false });
}

/** Clicks Allow or Deny on the stand-in upstream provider's consent page, wherever it is open. */
export function consent(decision: 'allow' | 'deny'): Promise<unknown> {
  return executeServerCommand('tenant-consent', { decision });
}

/**
 * A connect redirect whose page changes happen in an iframe: `start` gets an `openUrl` that opens
 * the consent page there; the user's decision is clicked (unless the tenant auto-approves); resolves with the consent URL the engine
 * opened and the URL the provider sent the browser back to.
 */
export async function connectRoundTrip(
  start: (openUrl: (url: string) => void) => Promise<void>,
  decision: 'allow' | 'deny' | 'auto-approved' = 'allow',
): Promise<{ consentUrl: string; back: string }> {
  const iframe = frame();
  let consentUrl = '';
  const back = nextFixtureMessage<{ url: string }>('engine-test-callback');
  try {
    await start((url) => {
      consentUrl = url;
      iframe.src = url;
    });
    if (decision !== 'auto-approved') await consent(decision);
    return { consentUrl, back: (await back).url };
  } finally {
    iframe.remove();
  }
}

export interface SeenCall {
  url: string;
  method: string;
  authorization: string | null;
  dpop: string | null;
  body: any;
  status: number;
}

/** Records the page's requests to the My Account API (passing them through unchanged); `stop()` when done. */
export function watchMyAccount(): { calls: SeenCall[]; stop(): void } {
  const original = window.fetch;
  const calls: SeenCall[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    // A copy to read (the engine's own request goes out untouched).
    const url = input instanceof Request ? input.url : String(input);
    const seen = new URL(url, location.href).pathname.startsWith('/me/')
      ? (input instanceof Request ? input.clone() : new Request(input, init))
      : undefined;
    const response = await original(input, init);
    if (seen) {
      const text = await seen.text();
      calls.push({
        url: seen.url,
        method: seen.method,
        authorization: seen.headers.get('authorization'),
        dpop: seen.headers.get('dpop'),
        body: text ? JSON.parse(text) : undefined,
        status: response.status,
      });
    }
    return response;
  };
  return { calls, stop: () => void (window.fetch = original) };
}

/** The transaction the engine keeps in sessionStorage, parsed. */
export async function storedTransaction(): Promise<any> {
  const { clientId } = await facts();
  return JSON.parse(sessionStorage.getItem(`a0.spajs.txs.${clientId}`) ?? 'null');
}

/** Rewrites the stored transaction (for the tenant's PKCE check: a verifier that is not the one sent). */
export async function rewriteTransaction(change: (transaction: any) => void): Promise<void> {
  const { clientId } = await facts();
  const key = `a0.spajs.txs.${clientId}`;
  const transaction = JSON.parse(sessionStorage.getItem(key)!);
  change(transaction);
  sessionStorage.setItem(key, JSON.stringify(transaction));
}

/** base64url(SHA-256(text)): the S256 challenge of a verifier (RFC 7636 §4.2). */
export async function s256(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return btoa(String.fromCharCode(...digest)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
