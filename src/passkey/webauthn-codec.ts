// WebAuthn's binary fields across JSON: the tenant's challenge options (base64url strings) decoded
// into what `navigator.credentials.create/get` take, and the ceremony's `PublicKeyCredential`
// serialized back (base64url, RFC 4648 §5, no padding) for the WebAuthn grant, field for field as
// the SPA SDK sends it.
// @see https://www.w3.org/TR/webauthn-3/#sctn-parseCreationOptionsFromJSON
import type { PasskeyCreationOptions, PasskeyCredentialResponse, PasskeyRequestOptions } from './types.js';

/** base64url (RFC 4648 §5) of bytes. */
export function toBase64Url(buffer: ArrayBuffer | ArrayBufferView): string {
  const bytes = buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Bytes of base64url (RFC 4648 §5), padded or not. */
export function fromBase64Url(text: string): ArrayBuffer {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

/** A signup challenge's options → `PublicKeyCredentialCreationOptions` (challenge and user id decoded). */
export function creationOptions(options: PasskeyCreationOptions): PublicKeyCredentialCreationOptions {
  return { ...options, challenge: fromBase64Url(options.challenge), user: { ...options.user, id: fromBase64Url(options.user.id) } } as PublicKeyCredentialCreationOptions;
}

/** A login challenge's options → `PublicKeyCredentialRequestOptions` (challenge decoded). */
export function requestOptions(options: PasskeyRequestOptions): PublicKeyCredentialRequestOptions {
  return { ...options, challenge: fromBase64Url(options.challenge) } as PublicKeyCredentialRequestOptions;
}

function common(credential: PublicKeyCredential) {
  return {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
  };
}

/** A created credential (signup) as the grant's `authn_response`. */
export function attestationJson(credential: PublicKeyCredential): PasskeyCredentialResponse {
  const response = credential.response as AuthenticatorAttestationResponse;
  return {
    ...common(credential),
    response: { clientDataJSON: toBase64Url(response.clientDataJSON), attestationObject: toBase64Url(response.attestationObject) },
    clientExtensionResults: credential.getClientExtensionResults() as Record<string, unknown>,
  };
}

/** An assertion (login) as the grant's `authn_response`. */
export function assertionJson(credential: PublicKeyCredential): PasskeyCredentialResponse {
  const response = credential.response as AuthenticatorAssertionResponse;
  return {
    ...common(credential),
    response: {
      clientDataJSON: toBase64Url(response.clientDataJSON),
      authenticatorData: toBase64Url(response.authenticatorData),
      signature: toBase64Url(response.signature),
      userHandle: response.userHandle ? toBase64Url(response.userHandle) : undefined,
    },
    clientExtensionResults: credential.getClientExtensionResults() as Record<string, unknown>,
  };
}
