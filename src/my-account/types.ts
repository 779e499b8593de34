// The My Account API's parameters and results (`client.myAccount`), with the SPA SDK 2.28.3's
// names and shapes: the user's factors, authentication methods and their enrollment, and the
// connected-accounts calls. Field names are the API's own (snake_case), as the SDK passes them.
// @see https://auth0.com/docs/api/myaccount
import type { AuthorizationParams } from '../options.js';
import type { CompleteResponse, ConnectResponse } from '../connect/my-account-api.js';

export type { CompleteResponse, ConnectResponse };
export type { MyAccountApiProblem as ErrorResponse } from '../errors.js';

/** `connectAccount(params)`: `POST /me/v1/connected-accounts/connect`. */
export interface ConnectRequest {
  connection: string;
  scopes?: string[];
  redirect_uri: string;
  state?: string;
  code_challenge?: string;
  code_challenge_method?: 'S256';
  authorization_params?: AuthorizationParams;
}

/** `completeAccount(params)`: `POST /me/v1/connected-accounts/complete`. */
export interface CompleteRequest {
  auth_session: string;
  connect_code: string;
  redirect_uri: string;
  code_verifier?: string;
}

export type AuthenticationMethodType =
  | 'passkey'
  | 'password'
  | 'phone'
  | 'totp'
  | 'email'
  | 'push-notification'
  | 'recovery-code'
  | 'webauthn-platform'
  | 'webauthn-roaming';

/** A factor the tenant offers (`getFactors()`), and whether it serves as a first or second factor. */
export interface Factor {
  type: AuthenticationMethodType;
  usage?: ('primary' | 'secondary')[];
}

interface AuthenticationMethodBase {
  id: string;
  created_at: string;
  usage: ('primary' | 'secondary')[];
}
interface AuthenticationMethodWithMetadata extends AuthenticationMethodBase {
  confirmed: boolean;
  name?: string;
  last_auth_at?: string;
}
interface WebAuthnAuthenticationMethodBase extends AuthenticationMethodWithMetadata {
  key_id?: string;
  public_key?: string;
}
export interface PasskeyAuthenticationMethod extends AuthenticationMethodBase {
  type: 'passkey';
  key_id: string;
  public_key: string;
  credential_device_type: 'single_device' | 'multi_device';
  credential_backed_up: boolean;
  identity_user_id: string;
  user_handle: string;
  transports?: string[];
  user_agent?: string;
  aaguid?: string;
  relying_party_id?: string;
  last_auth_at?: string;
}
export interface WebAuthnPlatformAuthenticationMethod extends WebAuthnAuthenticationMethodBase {
  type: 'webauthn-platform';
}
export interface WebAuthnRoamingAuthenticationMethod extends WebAuthnAuthenticationMethodBase {
  type: 'webauthn-roaming';
}
export interface PhoneAuthenticationMethod extends AuthenticationMethodWithMetadata {
  type: 'phone';
  phone_number: string;
  preferred_authentication_method: 'sms' | 'voice';
}
export interface EmailAuthenticationMethod extends AuthenticationMethodWithMetadata {
  type: 'email';
  email: string;
}
export interface PasswordAuthenticationMethod extends AuthenticationMethodBase {
  type: 'password';
  identity_user_id: string;
  last_password_reset?: string;
}
export interface TotpAuthenticationMethod extends AuthenticationMethodWithMetadata {
  type: 'totp';
}
export interface PushNotificationAuthenticationMethod extends AuthenticationMethodWithMetadata {
  type: 'push-notification';
}
export interface RecoveryCodeAuthenticationMethod extends Omit<AuthenticationMethodWithMetadata, 'name'> {
  type: 'recovery-code';
}
/** One of the user's authentication methods, by `type`. */
export type AuthenticationMethod =
  | PasskeyAuthenticationMethod
  | WebAuthnPlatformAuthenticationMethod
  | WebAuthnRoamingAuthenticationMethod
  | PhoneAuthenticationMethod
  | EmailAuthenticationMethod
  | PasswordAuthenticationMethod
  | TotpAuthenticationMethod
  | PushNotificationAuthenticationMethod
  | RecoveryCodeAuthenticationMethod;

/** `updateAuthenticationMethod(id, data)`. */
export interface UpdateAuthenticationMethodRequest {
  name?: string;
  /** Only valid when updating a phone authentication method. */
  preferred_authentication_method?: 'sms' | 'voice';
}

export interface PasskeyEnrollmentChallengeOptions {
  type: 'passkey';
  connection?: string;
  identity_user_id?: string;
}
export interface PhoneEnrollmentChallengeOptions {
  type: 'phone';
  phone_number: string;
  preferred_authentication_method?: 'sms' | 'voice';
}
export interface EmailEnrollmentChallengeOptions {
  type: 'email';
  email: string;
}
export interface TotpEnrollmentChallengeOptions {
  type: 'totp';
}
export interface PushNotificationEnrollmentChallengeOptions {
  type: 'push-notification';
}
export interface RecoveryCodeEnrollmentChallengeOptions {
  type: 'recovery-code';
}
export interface PasswordEnrollmentChallengeOptions {
  type: 'password';
  connection?: string;
  identity_user_id?: string;
}
/** `enrollmentChallenge(options)`: which method to enroll, with what its type needs. */
export type EnrollmentChallengeOptions =
  | PasskeyEnrollmentChallengeOptions
  | PhoneEnrollmentChallengeOptions
  | EmailEnrollmentChallengeOptions
  | TotpEnrollmentChallengeOptions
  | PushNotificationEnrollmentChallengeOptions
  | RecoveryCodeEnrollmentChallengeOptions
  | PasswordEnrollmentChallengeOptions;

interface EnrollmentChallengeBaseResponse {
  /** The pending method's id (the last segment of `location`). */
  id: string;
  /** The pending method's URL (the answer's `Location`); `enrollmentVerify` posts to `<location>/verify`. */
  location: string;
  auth_session: string;
}
/** (The passkey client exports these two.) WebAuthn creation options as the API sends them (base64url strings for the binary fields). */
interface PasskeyCreationOptions {
  rp: { id?: string; name: string };
  user: { id: string; name: string; displayName: string };
  challenge: string;
  pubKeyCredParams: { type: 'public-key'; alg: number }[];
  timeout?: number;
  authenticatorSelection?: Record<string, unknown>;
  [key: string]: unknown;
}
/** A WebAuthn credential, serialized (base64url strings for the binary fields). */
interface PasskeyCredentialResponse {
  id: string;
  rawId: string;
  type: 'public-key';
  authenticatorAttachment?: string;
  response: { clientDataJSON: string; attestationObject: string; [key: string]: unknown };
  clientExtensionResults?: Record<string, unknown>;
}
export interface PasskeyEnrollmentChallengeResponse extends EnrollmentChallengeBaseResponse {
  type: 'passkey';
  authn_params_public_key: PasskeyCreationOptions;
}
export interface PhoneEnrollmentChallengeResponse extends EnrollmentChallengeBaseResponse {
  type: 'phone';
}
export interface EmailEnrollmentChallengeResponse extends EnrollmentChallengeBaseResponse {
  type: 'email';
}
export interface TotpEnrollmentChallengeResponse extends EnrollmentChallengeBaseResponse {
  type: 'totp';
  /** The `otpauth://totp/…` URI an authenticator app scans (as a QR code). */
  barcode_uri: string;
  /** The secret (base32) to type in instead. */
  manual_input_code?: string;
}
export interface PushNotificationEnrollmentChallengeResponse extends EnrollmentChallengeBaseResponse {
  type: 'push-notification';
  barcode_uri: string;
  manual_input_code?: string;
}
export interface RecoveryCodeEnrollmentChallengeResponse extends EnrollmentChallengeBaseResponse {
  type: 'recovery-code';
  /** Shown to the user once: the code to keep. */
  recovery_code: string;
}
export interface PasswordPolicy {
  complexity: {
    min_length: number;
    character_types: ('uppercase' | 'lowercase' | 'number' | 'special')[];
    character_type_rule: 'all' | 'three_of_four';
    identical_characters: 'allow' | 'block';
    sequential_characters: 'allow' | 'block';
    max_length_exceeded: 'truncate' | 'error';
  };
  profile_data: { active: boolean; blocked_fields: string[] };
  history: { active: boolean; size: number };
  dictionary: { active: boolean; default: 'en_10k' | 'en_100k' };
}
export interface PasswordEnrollmentChallengeResponse extends EnrollmentChallengeBaseResponse {
  type: 'password';
  policy: PasswordPolicy;
}
/** What `enrollmentChallenge` resolves to, by `type`. */
export type EnrollmentChallengeResponse =
  | PasskeyEnrollmentChallengeResponse
  | PhoneEnrollmentChallengeResponse
  | EmailEnrollmentChallengeResponse
  | TotpEnrollmentChallengeResponse
  | PushNotificationEnrollmentChallengeResponse
  | RecoveryCodeEnrollmentChallengeResponse
  | PasswordEnrollmentChallengeResponse;

interface EnrollmentVerifyBaseOptions {
  /** `enrollmentChallenge`'s `location`. */
  location: string;
  auth_session: string;
}
export interface PasskeyEnrollmentVerifyOptions extends EnrollmentVerifyBaseOptions {
  type: 'passkey';
  authn_response: PasskeyCredentialResponse;
}
export interface PhoneEnrollmentVerifyOptions extends EnrollmentVerifyBaseOptions {
  type: 'phone';
  otp_code: string;
}
export interface EmailEnrollmentVerifyOptions extends EnrollmentVerifyBaseOptions {
  type: 'email';
  otp_code: string;
}
export interface TotpEnrollmentVerifyOptions extends EnrollmentVerifyBaseOptions {
  type: 'totp';
  otp_code: string;
}
export interface PushNotificationEnrollmentVerifyOptions extends EnrollmentVerifyBaseOptions {
  type: 'push-notification';
}
export interface RecoveryCodeEnrollmentVerifyOptions extends EnrollmentVerifyBaseOptions {
  type: 'recovery-code';
}
export interface PasswordEnrollmentVerifyOptions extends EnrollmentVerifyBaseOptions {
  type: 'password';
  new_password: string;
}
/** `enrollmentVerify(options)`: the pending method and its proof (a code, a credential, …). */
export type EnrollmentVerifyOptions =
  | PasskeyEnrollmentVerifyOptions
  | PhoneEnrollmentVerifyOptions
  | EmailEnrollmentVerifyOptions
  | TotpEnrollmentVerifyOptions
  | PushNotificationEnrollmentVerifyOptions
  | RecoveryCodeEnrollmentVerifyOptions
  | PasswordEnrollmentVerifyOptions;
