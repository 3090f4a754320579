// One class per Cognito exception, named exactly as the wire names it (see docs/compatibility.md).
// The edge maps `code` to `__type`; the message is what Cognito would say.

export abstract class CognitoError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class AccessDeniedException extends CognitoError {
  readonly code = "AccessDeniedException";
}
export class AliasExistsException extends CognitoError {
  readonly code = "AliasExistsException";
}
export class CodeDeliveryFailureException extends CognitoError {
  readonly code = "CodeDeliveryFailureException";
}
export class CodeMismatchException extends CognitoError {
  readonly code = "CodeMismatchException";
}
export class ConcurrentModificationException extends CognitoError {
  readonly code = "ConcurrentModificationException";
}
export class DeviceKeyExistsException extends CognitoError {
  readonly code = "DeviceKeyExistsException";
}
export class DuplicateProviderException extends CognitoError {
  readonly code = "DuplicateProviderException";
}
export class EnableSoftwareTokenMFAException extends CognitoError {
  readonly code = "EnableSoftwareTokenMFAException";
}
export class ExpiredCodeException extends CognitoError {
  readonly code = "ExpiredCodeException";
}
export class FeatureUnavailableInTierException extends CognitoError {
  readonly code = "FeatureUnavailableInTierException";
}
export class ForbiddenException extends CognitoError {
  readonly code = "ForbiddenException";
}
export class GroupExistsException extends CognitoError {
  readonly code = "GroupExistsException";
}
export class InternalErrorException extends CognitoError {
  readonly code = "InternalErrorException";
}
export class InternalServerException extends CognitoError {
  readonly code = "InternalServerException";
}
export class InvalidEmailRoleAccessPolicyException extends CognitoError {
  readonly code = "InvalidEmailRoleAccessPolicyException";
}
export class InvalidLambdaResponseException extends CognitoError {
  readonly code = "InvalidLambdaResponseException";
}
export class InvalidOAuthFlowException extends CognitoError {
  readonly code = "InvalidOAuthFlowException";
}
export class InvalidParameterException extends CognitoError {
  readonly code = "InvalidParameterException";
}
export class InvalidPasswordException extends CognitoError {
  readonly code = "InvalidPasswordException";
}
export class InvalidSmsRoleAccessPolicyException extends CognitoError {
  readonly code = "InvalidSmsRoleAccessPolicyException";
}
export class InvalidSmsRoleTrustRelationshipException extends CognitoError {
  readonly code = "InvalidSmsRoleTrustRelationshipException";
}
export class InvalidUserPoolConfigurationException extends CognitoError {
  readonly code = "InvalidUserPoolConfigurationException";
}
export class LimitExceededException extends CognitoError {
  readonly code = "LimitExceededException";
}
export class MFAMethodNotFoundException extends CognitoError {
  readonly code = "MFAMethodNotFoundException";
}
export class ManagedLoginBrandingExistsException extends CognitoError {
  readonly code = "ManagedLoginBrandingExistsException";
}
export class NotAuthorizedException extends CognitoError {
  readonly code = "NotAuthorizedException";
}
export class OperationNotEnabledException extends CognitoError {
  readonly code = "OperationNotEnabledException";
}
export class PasswordHistoryPolicyViolationException extends CognitoError {
  readonly code = "PasswordHistoryPolicyViolationException";
}
export class PasswordResetRequiredException extends CognitoError {
  readonly code = "PasswordResetRequiredException";
}
export class PreconditionNotMetException extends CognitoError {
  readonly code = "PreconditionNotMetException";
}
export class RefreshTokenReuseException extends CognitoError {
  readonly code = "RefreshTokenReuseException";
}
export class ResourceNotFoundException extends CognitoError {
  readonly code = "ResourceNotFoundException";
}
export class ScopeDoesNotExistException extends CognitoError {
  readonly code = "ScopeDoesNotExistException";
}
export class ServiceQuotaExceededException extends CognitoError {
  readonly code = "ServiceQuotaExceededException";
}
export class SoftwareTokenMFANotFoundException extends CognitoError {
  readonly code = "SoftwareTokenMFANotFoundException";
}
export class TermsExistsException extends CognitoError {
  readonly code = "TermsExistsException";
}
export class TierChangeNotAllowedException extends CognitoError {
  readonly code = "TierChangeNotAllowedException";
}
export class TooManyFailedAttemptsException extends CognitoError {
  readonly code = "TooManyFailedAttemptsException";
}
export class TooManyRequestsException extends CognitoError {
  readonly code = "TooManyRequestsException";
}
export class UnauthorizedException extends CognitoError {
  readonly code = "UnauthorizedException";
}
export class UnexpectedLambdaException extends CognitoError {
  readonly code = "UnexpectedLambdaException";
}
export class UnsupportedIdentityProviderException extends CognitoError {
  readonly code = "UnsupportedIdentityProviderException";
}
export class UnsupportedOperationException extends CognitoError {
  readonly code = "UnsupportedOperationException";
}
export class UnsupportedTokenTypeException extends CognitoError {
  readonly code = "UnsupportedTokenTypeException";
}
export class UnsupportedUserStateException extends CognitoError {
  readonly code = "UnsupportedUserStateException";
}
export class UserImportInProgressException extends CognitoError {
  readonly code = "UserImportInProgressException";
}
export class UserLambdaValidationException extends CognitoError {
  readonly code = "UserLambdaValidationException";
}
export class UserNotConfirmedException extends CognitoError {
  readonly code = "UserNotConfirmedException";
}
export class UserNotFoundException extends CognitoError {
  readonly code = "UserNotFoundException";
}
export class UserPoolAddOnNotEnabledException extends CognitoError {
  readonly code = "UserPoolAddOnNotEnabledException";
}
export class UserPoolTaggingException extends CognitoError {
  readonly code = "UserPoolTaggingException";
}
export class UsernameExistsException extends CognitoError {
  readonly code = "UsernameExistsException";
}
export class WebAuthnChallengeNotFoundException extends CognitoError {
  readonly code = "WebAuthnChallengeNotFoundException";
}
export class WebAuthnClientMismatchException extends CognitoError {
  readonly code = "WebAuthnClientMismatchException";
}
export class WebAuthnConfigurationMissingException extends CognitoError {
  readonly code = "WebAuthnConfigurationMissingException";
}
export class WebAuthnCredentialNotSupportedException extends CognitoError {
  readonly code = "WebAuthnCredentialNotSupportedException";
}
export class WebAuthnNotEnabledException extends CognitoError {
  readonly code = "WebAuthnNotEnabledException";
}
export class WebAuthnOriginNotAllowedException extends CognitoError {
  readonly code = "WebAuthnOriginNotAllowedException";
}
export class WebAuthnRelyingPartyMismatchException extends CognitoError {
  readonly code = "WebAuthnRelyingPartyMismatchException";
}
