// The engine entry's `AnonymousSessionApiClient` (the SPA SDK exports the class): the same calls,
// with the code loaded on the first one. Exporting the implementation itself would put the
// anonymous chunk into the engine's first load, for every page.
import { lazyMethods } from '../lazy-methods.js';
import type { AnonymousSessionApiClient as Implementation } from './anonymous-client.js';

/** Whether an anonymous session is stored for `clientId` (all that can exist before the chunk loads). */
export const storedAnonymousSession = (clientId: string, cacheMode: 'localStorage' | 'memory'): boolean =>
  cacheMode === 'localStorage' && !!localStorage.getItem(`@@auth0spajs@@::${clientId}::anonymous::session`);

export interface AnonymousSessionApiClient extends Pick<Implementation, 'createSession' | 'getTokenSilently' | 'mintTransferToken' | 'logout'> {}

/** Anonymous sessions for `clientId` at the tenant `domainUrl` (the SDK's class of that name). */
export class AnonymousSessionApiClient {
  #loaded?: Implementation;

  constructor(
    readonly domainUrl: string,
    readonly clientId: string,
    readonly cacheMode: 'localStorage' | 'memory' = 'localStorage',
  ) {
    const load = async () => (this.#loaded ??= new (await import('./anonymous-client.js')).AnonymousSessionApiClient(domainUrl, clientId, cacheMode));
    lazyMethods<Implementation>(this, ['createSession', 'getTokenSilently', 'mintTransferToken', 'logout'], load);
  }

  /** Whether a session is kept (synchronous, as the SDK's). */
  hasSession(): boolean {
    return this.#loaded?.hasSession() ?? storedAnonymousSession(this.clientId, this.cacheMode);
  }

  /** Always `null`, as the SDK's. */
  getClaims(): null {
    return null;
  }
}
