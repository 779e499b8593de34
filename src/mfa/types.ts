// The MFA sub-client's parameters and results, with the SPA SDK 2.28.3's names and shapes.
import type { MfaRequirements } from '../errors.js';

/** An enrolled authenticator, as `mfa.getAuthenticators` lists it. */
export interface Authenticator {
  id: string;
  authenticatorType: AuthenticatorType;
  active: boolean;
  name?: string;
  /** The SDK reads the list's `oob_channels` (Auth0 answers `oob_channel`): usually undefined. */
  oobChannels?: OobChannel[];
  /** The challenge type it answers (`otp`, `email`, `phone`, `recovery-code`, …). */
  type?: string;
}
export type AuthenticatorType = 'otp' | 'oob' | 'recovery-code';
export type OobChannel = 'sms' | 'voice' | 'auth0' | 'email';
export type MfaFactorType = 'otp' | 'sms' | 'email' | 'push' | 'voice';

export interface EnrollBaseParams {
  mfaToken: string;
}
export interface EnrollOtpParams extends EnrollBaseParams {
  factorType: 'otp';
}
export interface EnrollSmsParams extends EnrollBaseParams {
  factorType: 'sms';
  phoneNumber: string;
}
export interface EnrollVoiceParams extends EnrollBaseParams {
  factorType: 'voice';
  phoneNumber: string;
}
export interface EnrollEmailParams extends EnrollBaseParams {
  factorType: 'email';
  email?: string;
}
export interface EnrollPushParams extends EnrollBaseParams {
  factorType: 'push';
}
export type EnrollParams = EnrollOtpParams | EnrollSmsParams | EnrollVoiceParams | EnrollEmailParams | EnrollPushParams;

export interface OtpEnrollmentResponse {
  authenticatorType: 'otp';
  secret: string;
  barcodeUri: string;
  recoveryCodes?: string[];
  id?: string;
}
export interface OobEnrollmentResponse {
  authenticatorType: 'oob';
  oobChannel: OobChannel;
  oobCode?: string;
  bindingMethod?: string;
  recoveryCodes?: string[];
  id?: string;
  barcodeUri?: string;
}
export type EnrollmentResponse = OtpEnrollmentResponse | OobEnrollmentResponse;

export interface ChallengeAuthenticatorParams {
  mfaToken: string;
  challengeType: 'otp' | 'oob';
  authenticatorId?: string;
}
export interface ChallengeResponse {
  challengeType: 'otp' | 'oob';
  oobCode?: string;
  bindingMethod?: string;
}

/** One of `otp`, `oobCode` (with `bindingCode`) or `recoveryCode`: it decides the grant. */
export interface VerifyParams {
  mfaToken: string;
  otp?: string;
  oobCode?: string;
  bindingCode?: string;
  recoveryCode?: string;
}

export interface EnrollmentFactor {
  type: string;
}

/** What an `mfa_required` answer left for its `mfa_token`: the refused request's scope and audience. */
export interface MfaContext {
  scope?: string;
  audience?: string;
  mfaRequirements?: MfaRequirements;
  createdAt: number;
}

/** The grants that trade an `mfa_token` and a factor for tokens. */
export const MfaGrantTypes = {
  OTP: 'http://auth0.com/oauth/grant-type/mfa-otp',
  OOB: 'http://auth0.com/oauth/grant-type/mfa-oob',
  RECOVERY_CODE: 'http://auth0.com/oauth/grant-type/mfa-recovery-code',
} as const;
export type MfaGrantType = (typeof MfaGrantTypes)[keyof typeof MfaGrantTypes];
