/**
 * Cognito's built-in message texts, used when the pool sets none. Sources are listed in docs/messages.md.
 * The trailing spaces are Cognito's own.
 */
export const DEFAULT_VERIFICATION_MESSAGE = "Your verification code is {####}. ";
export const DEFAULT_VERIFICATION_SUBJECT = "Your verification code";
export const DEFAULT_VERIFICATION_LINK_MESSAGE =
  "Please click the link below to verify your email address. {##Verify Email##} ";
export const DEFAULT_VERIFICATION_LINK_SUBJECT = "Your verification link";
/** Observed in a real ForgotPassword email from a pool without its own template. */
export const DEFAULT_FORGOT_PASSWORD_MESSAGE = "Your password reset code is {####}";
export const DEFAULT_INVITATION_MESSAGE = "Your username is {username} and temporary password is {####}. ";
export const DEFAULT_INVITATION_SUBJECT = "Your temporary password";
export const DEFAULT_AUTHENTICATION_MESSAGE = "Your authentication code is {####}. ";
/** Not documented by AWS; an assumption. */
export const DEFAULT_AUTHENTICATION_SUBJECT = "Your authentication code";
/** Cognito's sender when EmailConfiguration.From is not set. */
export const DEFAULT_EMAIL_FROM = "no-reply@verificationemail.com";
