// Claims come from the identity provider and the user: treat them as untrusted text.

/**
 * A picture URL safe to put in `<img src>`: `https:` or an inline `data:image/` only. Everything
 * else (`javascript:`, `http:` even on localhost, relative paths) is dropped rather than fetched.
 */
export function safePicture(picture: unknown): string | undefined {
  if (typeof picture !== 'string') return undefined;
  return /^https:\/\/[^\s]/i.test(picture) || /^data:image\//i.test(picture) ? picture : undefined;
}

/**
 * The user's own claim `name`, never one inherited from Object.prototype: markup naming
 * `constructor` or `toString` reads an absent claim, not a function.
 */
export function ownClaim(user: Record<string, unknown> | undefined, name: string): unknown {
  return user && Object.hasOwn(user, name) ? user[name] : undefined;
}

/** A claim as display text: strings as they are, other values as JSON, nothing for absent ones. */
export function claimText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
