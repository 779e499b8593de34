/** Which authentication scheme a challenge is for. */
export type ChallengeScheme = 'Bearer' | 'DPoP';

/** What goes into one `WWW-Authenticate` challenge. */
export interface ChallengeParams {
  scheme: ChallengeScheme;
  /** `realm` (Bearer challenges; RFC 6750 §3). */
  realm?: string | undefined;
  /** `algs`: the proof algorithms accepted (DPoP challenges; RFC 9449 §7.1). */
  algs?: readonly string[] | undefined;
  error?: string | undefined;
  description?: string | undefined;
  /** `scope` for `insufficient_scope` (RFC 6750 §3). */
  scope?: string | undefined;
}

/**
 * RFC 6750 §3 allows only `%x20-21 / %x23-5B / %x5D-7E` inside `error_description` and `scope`:
 * no quote, no backslash, nothing outside printable ASCII. Replace rather than escape, so every
 * client parser reads the same text.
 */
function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, '?')}"`;
}

/**
 * Builds one challenge, e.g. `Bearer realm="api", error="invalid_token", error_description="…"`
 * or `DPoP algs="ES256", error="use_dpop_nonce", error_description="…"`.
 * @see RFC 6750 §3, RFC 9449 §7.1
 */
export function challenge(params: ChallengeParams): string {
  const parts: string[] = [];
  if (params.scheme === 'Bearer' && params.realm) parts.push(`realm=${quoted(params.realm)}`);
  if (params.scheme === 'DPoP' && params.algs?.length) parts.push(`algs=${quoted(params.algs.join(' '))}`);
  if (params.error) parts.push(`error=${quoted(params.error)}`);
  if (params.error && params.description) parts.push(`error_description=${quoted(params.description)}`);
  if (params.scope) parts.push(`scope=${quoted(params.scope)}`);
  return parts.length ? `${params.scheme} ${parts.join(', ')}` : params.scheme;
}
