import { LOCKED_OUT_MESSAGE } from "../../domain/auth/lockout.js";
import { CognitoError } from "../../domain/errors.js";
import type { MessageId } from "./i18n/catalogue.js";

// Cognito's exceptions, as the hosted UI words them: each becomes a catalogue message that says what to do
// next, and (when one field is at fault) the field to mark. Non-Cognito errors are not mapped: they are
// unexpected and end on the error page.

export interface UiMessage {
  id: MessageId;
  params?: Record<string, string | number>;
  /** The form field the message belongs to. */
  field?: string;
}

const PASSWORD_RULES: ReadonlyArray<[RegExp, MessageId]> = [
  [/not long enough/, "password.too_short"],
  [/lowercase/, "password.needs_lowercase"],
  [/uppercase/, "password.needs_uppercase"],
  [/numeric/, "password.needs_number"],
  [/symbol/, "password.needs_symbol"],
  [/security reasons/, "password.compromised"],
];

function notAuthorized(message: string): MessageId {
  if (message === "Incorrect username or password.") return "login.incorrect";
  if (message === LOCKED_OUT_MESSAGE) return "login.locked";
  if (message === "User is disabled.") return "login.disabled";
  if (/Temporary password has expired/.test(message)) return "login.temporary_expired";
  if (/SignUp is not permitted/.test(message)) return "signup.not_allowed";
  if (/cannot be confirmed/.test(message)) return "confirm.already_confirmed";
  if (/cannot be reset in the current state/.test(message)) return "forgot.cannot_reset";
  if (/Invalid session/.test(message)) return "session.expired";
  if (/Too many invalid MFA codes/.test(message)) return "mfa.too_many_failures";
  if (/unauthorized attribute/.test(message)) return "signup.invalid_details";
  return "login.incorrect";
}

function invalidParameter(message: string): UiMessage {
  if (/Invalid email address format|should be an email/.test(message))
    return { id: "signup.invalid_email", field: "email" };
  if (/Invalid phone number format|should be a phone number|email or a phone/.test(message))
    return { id: "signup.invalid_phone", field: "phone_number" };
  if (/Username cannot be of/.test(message)) return { id: "signup.username_format", field: "username" };
  if (/no registered\/verified email or phone_number/.test(message)) return { id: "forgot.no_recovery" };
  if (/already confirmed/.test(message)) return { id: "confirm.already_confirmed" };
  return { id: "signup.invalid_details" };
}

export function messageForError(error: unknown, minimumPasswordLength: number): UiMessage | undefined {
  if (!(error instanceof CognitoError)) return undefined;
  const message = error.message;
  switch (error.code) {
    case "NotAuthorizedException":
      return { id: notAuthorized(message) };
    case "UserNotFoundException":
      return { id: "account.not_found", field: "username" };
    case "UsernameExistsException":
    case "AliasExistsException":
      if (/email/.test(message)) return { id: "signup.email_exists", field: "email" };
      if (/phone/.test(message)) return { id: "signup.phone_exists", field: "phone_number" };
      return { id: "signup.username_exists", field: "username" };
    case "InvalidPasswordException": {
      const rule = PASSWORD_RULES.find(([pattern]) => pattern.test(message));
      return {
        id: rule ? rule[1] : "password.invalid",
        params: { min: minimumPasswordLength },
        field: "password",
      };
    }
    case "PasswordHistoryPolicyViolationException":
      return { id: "password.reused", field: "password" };
    case "CodeMismatchException":
      return { id: "code.mismatch", field: "code" };
    case "ExpiredCodeException":
      // A TOTP code of a time-step already used is refused this way; the next code of the app works.
      if (/already been used/.test(message)) return { id: "totp.reused", field: "code" };
      return { id: "code.expired", field: "code" };
    case "EnableSoftwareTokenMFAException":
      return { id: "mfa_setup.code_mismatch", field: "code" };
    case "WebAuthnChallengeNotFoundException":
    case "WebAuthnClientMismatchException":
    case "WebAuthnCredentialNotSupportedException":
    case "WebAuthnOriginNotAllowedException":
    case "WebAuthnRelyingPartyMismatchException":
      return { id: "passkey.failed" };
    case "WebAuthnNotEnabledException":
    case "WebAuthnConfigurationMissingException":
      return { id: "passkey_add.not_available" };
    case "LimitExceededException":
      return { id: "code.too_many_attempts" };
    case "TooManyRequestsException":
    case "TooManyFailedAttemptsException":
      return { id: "error.rate_limited" };
    case "CodeDeliveryFailureException":
      return { id: "error.delivery_failed" };
    case "InvalidParameterException":
      return invalidParameter(message);
    default:
      return undefined;
  }
}
