import {
  CodeDeliveryFailureException,
  CodeMismatchException,
  ExpiredCodeException,
  LimitExceededException,
} from "../../domain/errors.js";
import {
  type CodeDeliveryDetails,
  codeDeliveryDetails,
  type DeliveryDestination,
} from "../../domain/messages/delivery-destination.js";
import type { MessageKind } from "../../domain/messages/message-kind.js";
import { renderEmail, renderSms } from "../../domain/messages/render-message.js";
import {
  emailAddressing,
  selectEmailTemplate,
  selectSmsTemplate,
} from "../../domain/messages/select-template.js";
import type { CodePurpose } from "../../domain/user/one-time-code.js";
import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { Clock } from "../../ports/clock.js";
import type { MessageSender } from "../../ports/message-sender.js";
import type { RandomSource } from "../../ports/random.js";
import type { SecretHasher } from "../../ports/secret-hasher.js";
import type { StorageRepositories } from "../../ports/storage.js";
import { hasRequiredPlaceholders, runCustomMessage } from "../triggers/custom-message.js";
import { customSenderConfigured, runCustomSender } from "../triggers/custom-sender.js";
import type { Triggers } from "../triggers/triggers.js";

// One-time codes: six random digits, stored only as a keyed hash bound to (pool, user, purpose), one live
// code per purpose, consumed atomically; wrong guesses are capped per code. Lifetimes follow Cognito:
// sign-up and attribute verification 24 h, password reset 1 h, sign-in codes 3 min.
// Delivery runs the pool's triggers: a custom sender (CustomEmailSender / CustomSMSSender) replaces the
// delivery; otherwise CustomMessage may replace the template. Trigger failures reach the caller as
// Cognito's trigger exceptions, provider failures as CodeDeliveryFailureException.

export const CODE_LIFETIME_MS: Record<CodePurpose, number> = {
  "confirm-sign-up": 24 * 3600_000,
  "verify-email": 24 * 3600_000,
  "verify-phone_number": 24 * 3600_000,
  "forgot-password": 3600_000,
  "mfa-sms": 3 * 60_000,
  "mfa-email": 3 * 60_000,
  "sign-in-email": 3 * 60_000,
  "sign-in-sms": 3 * 60_000,
};
/** Wrong codes tolerated before the code is destroyed and a new one must be requested. */
export const MAX_CODE_ATTEMPTS = 5;

export interface CodeDependencies {
  clock: Clock;
  random: RandomSource;
  secretHasher: SecretHasher;
  messageSender: MessageSender;
  deployment: { publicUrl: string };
  triggers: Triggers;
}

/** Six decimal digits, uniform (rejection sampling over 20-bit draws). */
function sixDigits(random: RandomSource): string {
  for (;;) {
    const bytes = random.bytes(3);
    const value = ((bytes[0] ?? 0) << 16) | ((bytes[1] ?? 0) << 8) | (bytes[2] ?? 0);
    if (value < 16_000_000) return String(value % 1_000_000).padStart(6, "0");
  }
}

export function createCodes(deps: CodeDependencies) {
  const hashCode = (pool: UserPool, user: User, purpose: CodePurpose, code: string) =>
    deps.secretHasher.hash(`${pool.id}\u0000${user.sub}\u0000${code}`, `code:${purpose}`);

  return {
    /** Creates and stores a new code (replacing any live one of the same purpose); returns the plain code. */
    async issue(
      repositories: StorageRepositories,
      pool: UserPool,
      user: User,
      purpose: CodePurpose,
    ): Promise<string> {
      const code = sixDigits(deps.random);
      const now = deps.clock.now();
      await repositories.oneTimeCodes.saveCode({
        userPoolId: pool.id,
        sub: user.sub,
        purpose,
        codeHash: hashCode(pool, user, purpose, code),
        createdAt: now,
        expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS[purpose]),
      });
      return code;
    },

    /** Consumes the code or throws Cognito's error for why it cannot be used. */
    async consume(
      repositories: StorageRepositories,
      pool: UserPool,
      user: User,
      purpose: CodePurpose,
      code: string,
    ): Promise<void> {
      const outcome = await repositories.oneTimeCodes.consumeCode({
        userPoolId: pool.id,
        sub: user.sub,
        purpose,
        codeHash: hashCode(pool, user, purpose, code),
        now: deps.clock.now(),
        maxAttempts: MAX_CODE_ATTEMPTS,
      });
      if (outcome === "consumed") return;
      if (outcome === "mismatch") {
        throw new CodeMismatchException("Invalid verification code provided, please try again.");
      }
      if (outcome === "too-many-attempts") {
        throw new LimitExceededException("Attempt limit exceeded, please try after some time.");
      }
      throw new ExpiredCodeException("Invalid code provided, please request a code again.");
    },

    /** Sends `code` to the destination with the pool's template for `kind`; returns CodeDeliveryDetails. */
    async deliver(input: {
      pool: UserPool;
      user: User;
      kind: MessageKind;
      code: string;
      destination: DeliveryDestination;
      clientId?: string;
      /** The action's ClientMetadata, passed to CustomMessage and the custom senders. */
      clientMetadata?: Record<string, string>;
    }): Promise<CodeDeliveryDetails> {
      const { pool, user, kind, code, destination } = input;
      const channel = destination.medium === "EMAIL" ? "email" : "sms";
      const trigger = { pool, kind, user, clientId: input.clientId, clientMetadata: input.clientMetadata };
      if (customSenderConfigured(deps, pool, channel)) {
        await runCustomSender(deps, { ...trigger, channel, code });
        return codeDeliveryDetails(destination);
      }
      const custom = await runCustomMessage(deps, trigger);
      try {
        if (destination.medium === "EMAIL") {
          const template = selectEmailTemplate(pool.settings, kind);
          const linkStyle = template.style === "link";
          const linkUrl = linkStyle
            ? `${deps.deployment.publicUrl}/confirmUser?${new URLSearchParams({
                client_id: input.clientId ?? "",
                user_name: user.username,
                confirmation_code: code,
              })}`
            : undefined;
          const body =
            custom.emailMessage && hasRequiredPlaceholders(custom.emailMessage, kind, linkStyle)
              ? custom.emailMessage
              : template.body;
          const email = renderEmail(
            { ...template, subject: custom.emailSubject ?? template.subject, body },
            { code, username: user.username, ...(linkUrl ? { linkUrl } : {}) },
          );
          await deps.messageSender.sendEmail({
            userPoolId: pool.id,
            to: destination.destination,
            ...emailAddressing(pool.settings),
            subject: email.subject,
            htmlBody: email.htmlBody,
            textBody: email.textBody,
            kind,
            code,
          });
        } else {
          const template =
            custom.smsMessage && hasRequiredPlaceholders(custom.smsMessage, kind, false)
              ? custom.smsMessage
              : selectSmsTemplate(pool.settings, kind);
          await deps.messageSender.sendSms({
            userPoolId: pool.id,
            to: destination.destination,
            body: renderSms(template, { code, username: user.username }),
            kind,
            code,
          });
        }
      } catch {
        throw new CodeDeliveryFailureException(
          `Unable to deliver the message to ${destination.attributeName}; check the pool's ${
            destination.medium === "EMAIL" ? "email (COGNATE_SMTP_URL)" : "SMS (COGNATE_SMS_WEBHOOK_URL)"
          } configuration.`,
        );
      }
      return codeDeliveryDetails(destination);
    },
  };
}

export type Codes = ReturnType<typeof createCodes>;
