// `client.passkey`'s calls (a chunk of its own, loaded on the first call): the tenant's challenge
// endpoints as @auth0/auth0-auth-js asks them (`POST <domain>/passkey/register` and
// `/passkey/challenge`, JSON with `client_id`), the browser's WebAuthn ceremony, and the WebAuthn
// grant (`urn:okta:params:oauth:grant-type:webauthn`, a JSON body) through the same token path as
// a login: DPoP proof, ID token verified, session written — afterwards `isAuthenticated()`,
// `getUser()` and `getTokenSilently()` answer from the cache as after any login.
import type { ClientContext } from '../client-context.js';
import { mergeParams } from '../client-context.js';
import { DEFAULT_AUDIENCE } from '../scope.js';
import { grantTokens } from '../session-writer.js';
import { WEBAUTHN_GRANT } from '../token-endpoint.js';
import type { TokenEndpointResponse } from '../token-exchange.js';
import { PasskeyChallengeError, PasskeyError, PasskeyRegisterError } from './errors.js';
import type {
  PasskeyCredentialResponse,
  PasskeyGetTokenOptions,
  PasskeyLoginChallenge,
  PasskeyLoginChallengeOptions,
  PasskeyLoginChallengeResponse,
  PasskeyLoginOptions,
  PasskeySignupChallenge,
  PasskeySignupChallengeOptions,
  PasskeySignupChallengeResponse,
  PasskeySignupOptions,
} from './types.js';
import { assertionJson, attestationJson, creationOptions, requestOptions } from './webauthn-codec.js';

/**
 * WebAuthn in this browser, or `PasskeyError` `passkey_not_supported` before any request (the
 * SDK checks `PublicKeyCredential` only; without `navigator.credentials` it fails later, with a
 * TypeError, after asking the tenant for a challenge).
 */
function webAuthn(): CredentialsContainer {
  if (typeof PublicKeyCredential === 'undefined' || !navigator.credentials) {
    throw new PasskeyError('passkey_not_supported', 'WebAuthn is not supported in this browser.');
  }
  return navigator.credentials;
}

/** The signup profile as auth0-auth-js names it on the wire (only the fields given). */
function userProfile(options: PasskeySignupChallengeOptions): Record<string, string> {
  const wire = { email: 'email', name: 'name', phoneNumber: 'phone_number', username: 'username', givenName: 'given_name', familyName: 'family_name', nickname: 'nickname', picture: 'picture' } as const;
  const profile: Record<string, string> = {};
  for (const [key, name] of Object.entries(wire)) {
    const value = (options as any)[key];
    if (value) profile[name] = value;
  }
  return profile;
}

export function passkeyApi(ctx: ClientContext) {
  const { domainUrl, clientId } = ctx.options;

  /**
   * POSTs a challenge request; a refusal becomes `Refused` with the tenant's answer (a body that is
   * not JSON: `unknown_error`, `HTTP <status> <statusText>`), its status, headers and body.
   */
  async function ask<T>(path: string, body: Record<string, unknown>, Refused: typeof PasskeyRegisterError, fallback: string): Promise<T> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${domainUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, redirect: 'error', body: JSON.stringify({ client_id: clientId, ...body }) });
      text = await response.text();
    } catch (cause: any) {
      throw new Refused(`${path} could not be reached: ${cause?.message ?? cause}`, { error: 'network_error', error_description: String(cause?.message ?? cause) });
    }
    const headers = new Headers(response.headers);
    headers.delete('set-cookie');
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const answer = json && typeof json === 'object' ? json : { error: 'unknown_error', error_description: `HTTP ${response.status} ${response.statusText}` };
      throw new Refused(answer.error_description || fallback, { ...answer, statusCode: response.status, headers, body: text });
    }
    if (!json || typeof json.auth_session !== 'string' || !json.authn_params_public_key || typeof json.authn_params_public_key.challenge !== 'string') {
      throw new Refused(`${path} answered without an auth_session and a challenge`, { error: 'invalid_response', error_description: 'the challenge answer is malformed', statusCode: response.status, headers, body: text });
    }
    return { authSession: json.auth_session, authnParamsPublicKey: { ...json.authn_params_public_key } } as T;
  }

  function register(options: PasskeySignupChallengeOptions): Promise<PasskeySignupChallengeResponse> {
    const { realm, organization, userMetadata } = options;
    return ask('/passkey/register', { user_profile: userProfile(options), realm, organization, user_metadata: userMetadata }, PasskeyRegisterError, 'Failed to request signup challenge');
  }

  function challenge(options?: PasskeyLoginChallengeOptions): Promise<PasskeyLoginChallengeResponse> {
    return ask('/passkey/challenge', { realm: options?.realm, organization: options?.organization }, PasskeyChallengeError, 'Failed to request login challenge');
  }

  /** The WebAuthn grant, with the client's default audience, organization and scope, as a login. */
  async function tokens(options: Omit<PasskeyGetTokenOptions, 'credential'> & { credential: PasskeyCredentialResponse }): Promise<TokenEndpointResponse> {
    const call: Record<string, string> = {};
    for (const key of ['audience', 'scope', 'organization'] as const) if (options[key]) call[key] = options[key]!;
    const { audience, scope, organization } = mergeParams(ctx, call);
    const grant = { grant_type: WEBAUTHN_GRANT, auth_session: options.authSession, authn_response: options.credential as any, realm: options.realm, organization, scope, audience };
    return (await grantTokens(ctx, grant, { scope, audience: audience || DEFAULT_AUDIENCE }, organization)) as TokenEndpointResponse;
  }

  return {
    /**
     * Signs a new user up with a passkey: a signup challenge, the browser's credential creation,
     * then the WebAuthn grant; the session is then a login's.
     * @throws PasskeyError `passkey_not_supported` (no WebAuthn) or `passkey_cancelled` (no credential);
     *   PasskeyRegisterError when the tenant refuses the challenge; the ceremony's DOMException
     *   (`NotAllowedError`: cancelled, timed out) unchanged, as the SDK's; GenericError with the
     *   tenant's `error` when the grant is refused.
     */
    async signup(options: PasskeySignupOptions): Promise<TokenEndpointResponse> {
      const credentials = webAuthn();
      const { scope, audience, ...rest } = options;
      const { authSession, authnParamsPublicKey } = await register(rest as PasskeySignupChallengeOptions);
      const credential = (await credentials.create({ publicKey: creationOptions(authnParamsPublicKey) })) as PublicKeyCredential | null;
      if (!credential) throw new PasskeyError('passkey_cancelled', 'Passkey creation was cancelled or no credential was returned.');
      return tokens({ authSession, credential: attestationJson(credential), realm: rest.realm, organization: rest.organization, scope, audience });
    },

    /**
     * Logs in with a passkey of this site (discoverable: the browser offers the user's passkeys):
     * a login challenge, the browser's assertion, then the WebAuthn grant.
     * @throws as `signup`, with PasskeyChallengeError for a refused challenge.
     */
    async login(options?: PasskeyLoginOptions): Promise<TokenEndpointResponse> {
      const credentials = webAuthn();
      const { scope, audience, ...rest } = options ?? {};
      const { authSession, authnParamsPublicKey } = await challenge(Object.keys(rest).length ? rest : undefined);
      const credential = (await credentials.get({ publicKey: requestOptions(authnParamsPublicKey) })) as PublicKeyCredential | null;
      if (!credential) throw new PasskeyError('passkey_cancelled', 'Passkey authentication was cancelled or no credential was returned.');
      return tokens({ authSession, credential: assertionJson(credential), realm: rest.realm, organization: rest.organization, scope, audience });
    },

    /**
     * Step 1 of a signup of your own: the `authSession` and decoded creation options for
     * `navigator.credentials.create({publicKey})`; then `getTokenWithPasskey`.
     * @throws PasskeyError `passkey_not_supported`; PasskeyRegisterError.
     */
    async getSignupChallenge(options: PasskeySignupChallengeOptions): Promise<PasskeySignupChallenge> {
      webAuthn();
      const { authSession, authnParamsPublicKey } = await register(options);
      return { authSession, publicKey: creationOptions(authnParamsPublicKey) };
    },

    /**
     * Step 1 of a login of your own: the `authSession` and decoded request options for
     * `navigator.credentials.get({publicKey})`; then `getTokenWithPasskey`.
     * @throws PasskeyError `passkey_not_supported`; PasskeyChallengeError.
     */
    async getLoginChallenge(options?: PasskeyLoginChallengeOptions): Promise<PasskeyLoginChallenge> {
      webAuthn();
      const { authSession, authnParamsPublicKey } = await challenge(options);
      return { authSession, publicKey: requestOptions(authnParamsPublicKey) };
    },

    /**
     * Step 2: the ceremony's raw credential (created or asserted: told apart by its response) for
     * tokens, through the WebAuthn grant.
     * @throws PasskeyError `passkey_not_supported`, `passkey_invalid_credential` (neither kind);
     *   GenericError with the tenant's `error` when the grant is refused.
     */
    async getTokenWithPasskey(options: PasskeyGetTokenOptions): Promise<TokenEndpointResponse> {
      webAuthn();
      const { credential } = options;
      const response = credential?.response;
      const json =
        typeof AuthenticatorAttestationResponse !== 'undefined' && response instanceof AuthenticatorAttestationResponse
          ? attestationJson(credential)
          : typeof AuthenticatorAssertionResponse !== 'undefined' && response instanceof AuthenticatorAssertionResponse
            ? assertionJson(credential)
            : undefined;
      if (!json) throw new PasskeyError('passkey_invalid_credential', 'The provided credential is not a valid attestation or assertion response.');
      return tokens({ ...options, credential: json });
    },
  };
}

export type PasskeyApi = ReturnType<typeof passkeyApi>;
