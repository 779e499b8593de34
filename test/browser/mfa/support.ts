// Shared by the MFA browser tests: the demo users' factors from the tenant, real TOTP codes
// computed from their secrets (otpauth, as an authenticator app does), and the SDK side's way to
// the local tenant.
import { Secret, TOTP } from 'otpauth';
import { tenant } from '../../support/tenant.js';

export interface DemoAuthenticator {
  id: string;
  type: 'otp' | 'email' | 'recovery-code';
  name?: string;
  secret?: string;
  code?: string;
}

/** The step-up API (the tenant's `mfa.apis`) and carol's factors. */
export async function mfaFacts(): Promise<{ secure: string; carol: DemoAuthenticator[] }> {
  const { apis, authenticators } = await tenant.control<{ apis: string[]; authenticators: DemoAuthenticator[] }>('mfaUser', 'carol');
  return { secure: apis[0], carol: authenticators };
}

/** The code an authenticator app shows now for `secret` (RFC 6238: SHA-1, 6 digits, 30 s). */
export const totp = (secret: string): string => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();

/** A 6-digit code that is not the right one now. */
export const wrongCode = (secret: string): string => (totp(secret) === '000000' ? '111111' : '000000');

/** The last out-of-band code the email stand-in "sent" to `to`. */
export async function lastCode(to: string): Promise<string> {
  const messages = await tenant.control<{ code: string }[]>('mfaOutbox', { to });
  if (!messages.length) throw new Error(`no MFA code was sent to ${to}`);
  return messages.at(-1)!.code;
}

/**
 * The SPA SDK's MFA calls go through `@auth0/auth0-auth-js`, which puts `https://` in front of the
 * `domain` (`https://http://127.0.0.1:PORT/mfa/…` for the local tenant, which speaks plain HTTP):
 * in the SDK's frame only, such URLs are sent to the tenant as it is reachable. Nothing else of
 * the request changes; ours needs no such help (`domain` with a scheme is used as given).
 */
export function reachLocalTenant(win: Window): void {
  const original = win.fetch.bind(win);
  win.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    original(typeof input === 'string' && input.startsWith('https://http://') ? input.slice('https://'.length) : input, init)) as typeof fetch;
}
