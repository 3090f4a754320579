import { isPlainObject, type JsonObject } from "../../shared/json.js";
import {
  DEFAULT_AUTHENTICATION_MESSAGE,
  DEFAULT_AUTHENTICATION_SUBJECT,
  DEFAULT_FORGOT_PASSWORD_MESSAGE,
  DEFAULT_INVITATION_MESSAGE,
  DEFAULT_INVITATION_SUBJECT,
  DEFAULT_VERIFICATION_LINK_MESSAGE,
  DEFAULT_VERIFICATION_LINK_SUBJECT,
  DEFAULT_VERIFICATION_MESSAGE,
  DEFAULT_VERIFICATION_SUBJECT,
} from "./default-templates.js";
import type { MessageKind } from "./message-kind.js";

/*
 * Which template a message uses, from the pool settings document (Cognito's field names):
 * - AdminCreateUser: AdminCreateUserConfig.InviteMessageTemplate (EmailMessage, EmailSubject, SMSMessage).
 * - Authentication (MFA / OTP codes): SMS from SmsAuthenticationMessage (or SmsMfaConfiguration's),
 *   email from EmailMfaConfiguration.Message / Subject.
 * - Every other kind is a verification message: VerificationMessageTemplate wins over the legacy
 *   EmailVerificationMessage / EmailVerificationSubject / SmsVerificationMessage fields.
 * - CONFIRM_WITH_LINK applies to email for SignUp and ResendCode only; attribute updates and
 *   password resets always send the code template.
 * - A field that is absent or empty falls back to Cognito's built-in default text.
 */

export type EmailStyle = "code" | "link";

export interface EmailTemplate {
  subject: string;
  body: string;
  /** "link": the body carries a {##text##} link placeholder instead of the code. */
  style: EmailStyle;
}

const LINK_KINDS: ReadonlySet<MessageKind> = new Set<MessageKind>(["SignUp", "ResendCode"]);

function objectAt(source: unknown, key: string): Record<string, unknown> | undefined {
  if (!isPlainObject(source)) return undefined;
  const value = source[key];
  return isPlainObject(value) ? value : undefined;
}

function textAt(source: unknown, key: string): string | undefined {
  if (!isPlainObject(source)) return undefined;
  const value = source[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

export function selectEmailTemplate(settings: JsonObject, kind: MessageKind): EmailTemplate {
  if (kind === "AdminCreateUser") {
    const invite = objectAt(objectAt(settings, "AdminCreateUserConfig"), "InviteMessageTemplate");
    return {
      subject: textAt(invite, "EmailSubject") ?? DEFAULT_INVITATION_SUBJECT,
      body: textAt(invite, "EmailMessage") ?? DEFAULT_INVITATION_MESSAGE,
      style: "code",
    };
  }
  if (kind === "Authentication") {
    const mfa = objectAt(settings, "EmailMfaConfiguration");
    return {
      subject: textAt(mfa, "Subject") ?? DEFAULT_AUTHENTICATION_SUBJECT,
      body: textAt(mfa, "Message") ?? DEFAULT_AUTHENTICATION_MESSAGE,
      style: "code",
    };
  }
  const template = objectAt(settings, "VerificationMessageTemplate");
  if (textAt(template, "DefaultEmailOption") === "CONFIRM_WITH_LINK" && LINK_KINDS.has(kind)) {
    return {
      subject: textAt(template, "EmailSubjectByLink") ?? DEFAULT_VERIFICATION_LINK_SUBJECT,
      body: textAt(template, "EmailMessageByLink") ?? DEFAULT_VERIFICATION_LINK_MESSAGE,
      style: "link",
    };
  }
  return {
    subject:
      textAt(template, "EmailSubject") ??
      textAt(settings, "EmailVerificationSubject") ??
      DEFAULT_VERIFICATION_SUBJECT,
    body:
      textAt(template, "EmailMessage") ??
      textAt(settings, "EmailVerificationMessage") ??
      (kind === "ForgotPassword" ? DEFAULT_FORGOT_PASSWORD_MESSAGE : DEFAULT_VERIFICATION_MESSAGE),
    style: "code",
  };
}

export function selectSmsTemplate(settings: JsonObject, kind: MessageKind): string {
  if (kind === "AdminCreateUser") {
    const invite = objectAt(objectAt(settings, "AdminCreateUserConfig"), "InviteMessageTemplate");
    return textAt(invite, "SMSMessage") ?? DEFAULT_INVITATION_MESSAGE;
  }
  if (kind === "Authentication") {
    return (
      textAt(settings, "SmsAuthenticationMessage") ??
      textAt(objectAt(settings, "SmsMfaConfiguration"), "SmsAuthenticationMessage") ??
      DEFAULT_AUTHENTICATION_MESSAGE
    );
  }
  return (
    textAt(objectAt(settings, "VerificationMessageTemplate"), "SmsMessage") ??
    textAt(settings, "SmsVerificationMessage") ??
    (kind === "ForgotPassword" ? DEFAULT_FORGOT_PASSWORD_MESSAGE : DEFAULT_VERIFICATION_MESSAGE)
  );
}

/** The pool's sender and reply-to addresses (EmailConfiguration.From / ReplyToEmailAddress), if set. */
export function emailAddressing(settings: JsonObject): { from?: string; replyTo?: string } {
  const configuration = objectAt(settings, "EmailConfiguration");
  const from = textAt(configuration, "From");
  const replyTo = textAt(configuration, "ReplyToEmailAddress");
  return { ...(from ? { from } : {}), ...(replyTo ? { replyTo } : {}) };
}
