// Random values and base64url, from the platform (WebCrypto, btoa) only.

/** base64url without padding (RFC 4648 §5), as PKCE and JOSE use it. */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * 32 bytes from `crypto.getRandomValues`, base64url-encoded: 43 characters of the RFC 7636 §4.1
 * unreserved set, 256 bits of entropy and no modulo bias. Used for `state`, `nonce` and the PKCE
 * verifier.
 */
export function randomString(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}
