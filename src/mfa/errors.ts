// The MFA sub-client's errors, the SPA SDK's hierarchy: `MfaError` is a `GenericError`, one
// subclass per call, each with the tenant's `error` and `error_description`. They live beside the
// MFA chunk: the kit's first load never carries them (the engine entry re-exports them).
import { GenericError } from '../errors.js';

/** Base class of the MFA API's errors (`client.mfa`). */
export class MfaError extends GenericError {}
/** `mfa.getAuthenticators` failed (`invalid_request` without a context for the token). */
export class MfaListAuthenticatorsError extends MfaError {}
/** `mfa.enroll` failed (`access_denied`: already enrolled, `unsupported_challenge_type`, …). */
export class MfaEnrollmentError extends MfaError {}
/** `mfa.challenge` failed (`invalid_request`, `unsupported_challenge_type`, `expired_token`, …). */
export class MfaChallengeError extends MfaError {}
/** `mfa.verify` had no context for the token (`mfa_context_not_found`) or no code (`invalid_request`). */
export class MfaVerifyError extends MfaError {}
/** `mfa.getEnrollmentFactors` had no context for the token (`mfa_context_not_found`). */
export class MfaEnrollmentFactorsError extends MfaError {}
