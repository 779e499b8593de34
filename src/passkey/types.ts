// The passkey sub-client's argument and result types: the SPA SDK 2.28.3's names and shapes (its
// dist/typings/passkey/types.d.ts, which re-exports @auth0/auth0-auth-js's wire types).

/** Public key credential creation options as a signup challenge carries them (binary fields base64url). */
export interface PasskeyCreationOptions {
  challenge: string;
  rp: { id: string; name: string };
  user: { id: string; name: string; displayName: string };
  pubKeyCredParams: Array<{ type: string; alg: number }>;
  authenticatorSelection?: { residentKey?: string; userVerification?: string };
  timeout?: number;
}

/** Public key credential request options as a login challenge carries them (`challenge` base64url). */
export interface PasskeyRequestOptions {
  challenge: string;
  rpId: string;
  timeout?: number;
  userVerification?: string;
}

/** A `PublicKeyCredential` serialized for the WebAuthn grant: binary fields base64url. */
export interface PasskeyCredentialResponse {
  id: string;
  rawId: string;
  type: string;
  authenticatorAttachment?: string;
  response: {
    clientDataJSON: string;
    attestationObject?: string;
    authenticatorData?: string;
    signature?: string;
    userHandle?: string;
  };
  clientExtensionResults?: Record<string, unknown>;
}

interface PasskeySignupChallengeBaseOptions {
  /** Display name for the user. */
  name?: string;
  givenName?: string;
  familyName?: string;
  nickname?: string;
  /** URL of the user's picture. */
  picture?: string;
  /** Stored in the new user's `user_metadata`. */
  userMetadata?: Record<string, string>;
  /** Database connection name (sent as `realm`). */
  realm?: string;
  /** Organization id or name. */
  organization?: string;
}

/** `getSignupChallenge(options)`: at least one identifier (`email`, `username` or `phoneNumber`). */
export type PasskeySignupChallengeOptions = PasskeySignupChallengeBaseOptions &
  ({ email: string; phoneNumber?: string; username?: string } | { phoneNumber: string; email?: string; username?: string } | { username: string; email?: string; phoneNumber?: string });

/** The tenant's signup challenge as auth0-auth-js returns it. */
export interface PasskeySignupChallengeResponse {
  authSession: string;
  authnParamsPublicKey: PasskeyCreationOptions;
}

/** `getLoginChallenge(options)`. */
export interface PasskeyLoginChallengeOptions {
  /** Database connection name (sent as `realm`). */
  realm?: string;
  /** Organization id or name. */
  organization?: string;
}

/** The tenant's login challenge as auth0-auth-js returns it. */
export interface PasskeyLoginChallengeResponse {
  authSession: string;
  authnParamsPublicKey: PasskeyRequestOptions;
}

/** `signup(options)`: the challenge's options plus the tokens' `scope` and `audience`. */
export type PasskeySignupOptions = PasskeySignupChallengeOptions & { scope?: string; audience?: string };

/** `login(options)`: the challenge's options plus the tokens' `scope` and `audience`. */
export type PasskeyLoginOptions = PasskeyLoginChallengeOptions & { scope?: string; audience?: string };

/** A signup challenge ready for `navigator.credentials.create({publicKey})` (binary fields decoded). */
export type PasskeySignupChallenge = { authSession: string; publicKey: PublicKeyCredentialCreationOptions };

/** A login challenge ready for `navigator.credentials.get({publicKey})` (`challenge` decoded). */
export type PasskeyLoginChallenge = { authSession: string; publicKey: PublicKeyCredentialRequestOptions };

/** `getTokenWithPasskey(options)`: the challenge's `authSession` and the ceremony's raw credential. */
export type PasskeyGetTokenOptions = {
  authSession: string;
  credential: PublicKeyCredential;
  realm?: string;
  organization?: string;
  scope?: string;
  audience?: string;
};
