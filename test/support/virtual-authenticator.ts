// Browser-side handle on the virtual authenticator (test/support/virtual-authenticator-plugin.mjs).
import { executeServerCommand } from '@web/test-runner-commands';

/** DevTools' `WebAuthn.VirtualAuthenticatorOptions` (the defaults: a platform passkey provider). */
export interface AuthenticatorOptions {
  protocol?: 'ctap2' | 'u2f';
  transport?: 'internal' | 'usb' | 'nfc' | 'ble' | 'hybrid';
  hasResidentKey?: boolean;
  hasUserVerification?: boolean;
  isUserVerified?: boolean;
  automaticPresenceSimulation?: boolean;
}

/** DevTools' `WebAuthn.Credential`: ids and keys base64 (standard alphabet, padded). */
export interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

export const authenticator = {
  /** Adds a virtual authenticator to this test page; returns its id. */
  add(options: AuthenticatorOptions = {}): Promise<string> {
    return executeServerCommand('webauthn-add-authenticator', { options }) as Promise<string>;
  },
  remove(authenticatorId: string): Promise<boolean> {
    return executeServerCommand('webauthn-remove-authenticator', { authenticatorId }) as Promise<boolean>;
  },
  /** `false`: user verification fails from now on (the ceremony rejects with NotAllowedError, as a cancel). */
  setUserVerified(authenticatorId: string, isUserVerified: boolean): Promise<boolean> {
    return executeServerCommand('webauthn-set-user-verified', { authenticatorId, isUserVerified }) as Promise<boolean>;
  },
  credentials(authenticatorId: string): Promise<VirtualCredential[]> {
    return executeServerCommand('webauthn-credentials', { authenticatorId }) as Promise<VirtualCredential[]>;
  },
  addCredential(authenticatorId: string, credential: VirtualCredential): Promise<boolean> {
    return executeServerCommand('webauthn-add-credential', { authenticatorId, credential }) as Promise<boolean>;
  },
  clearCredentials(authenticatorId: string): Promise<boolean> {
    return executeServerCommand('webauthn-clear-credentials', { authenticatorId }) as Promise<boolean>;
  },
};
