// The rest of the SPA SDK 2.28.3 entry's runtime exports, so code written against it imports
// and type-checks unchanged: its small enums and classes, its sub-clients (`mfa`, `anonymous`,
// `myAccount`, `passkey`) with their error classes, and `isFederatedDomain`. A name we do not
// implement (`AnonymousSessionClient`) exists and fails with GenericError `not_supported`, never `undefined`.
import { CACHE_KEY_PREFIX } from './cache/cache-entry.js';
import type { IsFederatedDomainOptions } from './domain-discovery/is-federated-domain.js';

export type { IsFederatedDomainOptions };

/** `handleRedirectCallback`'s `response_type`: a login (`code`) or a connected account (`connect_code`). */
export const ResponseType = { Code: 'code', ConnectCode: 'connect_code' } as const;
export type ResponseType = (typeof ResponseType)[keyof typeof ResponseType];

/** The `refreshTokenMode` option: rotating offline tokens (default) or online ones (needs DPoP). */
export const RefreshTokenMode = { Offline: 'offline', Online: 'online' } as const;
export type RefreshTokenMode = (typeof RefreshTokenMode)[keyof typeof RefreshTokenMode];

/** The SDK's `User` class: its instances are plain claim bags (`getUser()` returns objects). */
export class User {
  [claim: string]: any;
}

/** A cache key `@@auth0spajs@@::<clientId>::<audience>::<scope>[::suffix]`, as the SDK builds it. */
export class CacheKey {
  clientId: string;
  scope?: string;
  audience?: string;

  constructor(
    data: { clientId: string; scope?: string; audience?: string },
    public prefix: string = CACHE_KEY_PREFIX,
    public suffix?: string,
  ) {
    ({ clientId: this.clientId, scope: this.scope, audience: this.audience } = data);
  }

  toKey(): string {
    return [this.prefix, this.clientId, this.audience, this.scope, this.suffix].filter(Boolean).join('::');
  }

  static fromKey(key: string): CacheKey {
    const [prefix, clientId, audience, scope] = key.split('::');
    return new CacheKey({ clientId, scope, audience }, prefix);
  }

  static fromCacheEntry({ scope, audience, client_id }: { scope: string; audience: string; client_id: string }): CacheKey {
    return new CacheKey({ scope, audience, clientId: client_id });
  }
}

// In a module of their own: the client imports them without reaching this file (and what it re-exports).
import { notSupported } from './unsupported.js';
export { notSupported, unsupportedClient } from './unsupported.js';

/** A class of the SDK that this engine cannot make yet: constructing it throws `not_supported`. */
const unsupportedClass = (name: string) =>
  class {
    constructor() {
      throw notSupported(name);
    }
  };

export { AnonymousSessionApiClient } from './anonymous/public-client.js';
export const AnonymousSessionClient = unsupportedClass('AnonymousSessionClient');
export { MyAccountApiClient } from './my-account/my-account-client.js';

/**
 * Is `emailDomain` an Enterprise Connect domain of the tenant `auth0Domain` (home-realm discovery
 * through its WebFinger endpoint)? Never rejects. Its code is a chunk loaded on the first call.
 */
export const isFederatedDomain = async (auth0Domain: string, emailDomain: string, options?: IsFederatedDomainOptions): Promise<boolean> =>
  (await import('./domain-discovery/is-federated-domain.js')).isFederatedDomain(auth0Domain, emailDomain, options);

/** The MFA API's errors and client (`client.mfa` is one). */
export { MfaError, MfaListAuthenticatorsError, MfaEnrollmentError, MfaChallengeError, MfaVerifyError, MfaEnrollmentFactorsError } from './mfa/errors.js';
export { MfaApiClient } from './mfa/mfa-client.js';
export type * from './mfa/types.js';
/** The My Account API's client (`client.myAccount` is one) and its types. */
export type * from './my-account/types.js';


/** The passkey sub-client, its errors and types (`client.passkey` is one). */
export { PasskeyApiClient } from './passkey/passkey-client.js';
export { PasskeyError, PasskeyRegisterError, PasskeyChallengeError, PasskeyGetTokenError, type PasskeyErrorResponse } from './passkey/errors.js';
export type * from './passkey/types.js';

export { AnonymousSessionError } from './anonymous/errors.js';
