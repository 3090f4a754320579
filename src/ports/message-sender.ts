/**
 * Delivery of codes and invitations by email and SMS. Adapters: SMTP, an SMS webhook, and the dev outbox
 * (used for any channel with no provider configured).
 */

import type { MessageKind } from "../domain/messages/message-kind.js";

export type { MessageKind } from "../domain/messages/message-kind.js";

export interface EmailMessage {
  userPoolId: string;
  to: string;
  /** The pool's EmailConfiguration.From; the adapter's default sender when absent. */
  from?: string;
  /** The pool's EmailConfiguration.ReplyToEmailAddress. */
  replyTo?: string;
  subject: string;
  htmlBody?: string;
  textBody: string;
  kind: MessageKind;
  /**
   * The code (or, for AdminCreateUser, the temporary password) already rendered into the body.
   * Only the dev outbox records it, so tests can read it; real senders ignore it.
   */
  code?: string;
}

export interface SmsMessage {
  userPoolId: string;
  /** E.164 phone number. */
  to: string;
  body: string;
  kind: MessageKind;
  /** As EmailMessage.code: recorded by the dev outbox only. */
  code?: string;
}

export interface MessageSender {
  /** Rejects with MessageDeliveryError when the provider refuses or cannot be reached. */
  sendEmail(message: EmailMessage): Promise<void>;
  sendSms(message: SmsMessage): Promise<void>;
}

/** One channel's sender; providers implement one of these and are combined into a MessageSender. */
export type EmailSender = Pick<MessageSender, "sendEmail">;
export type SmsSender = Pick<MessageSender, "sendSms">;

/** A provider failed; use cases answer CodeDeliveryFailureException. The message names no code. */
export class MessageDeliveryError extends Error {
  constructor(
    readonly channel: "email" | "sms",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "MessageDeliveryError";
  }
}

/** A message as the dev outbox keeps it (one JSON line each in {dataDir}/outbox.ndjson). */
export interface OutboxMessage {
  id: string;
  /** ISO 8601 time of delivery to the outbox. */
  at: string;
  channel: "email" | "sms";
  userPoolId: string;
  to: string;
  subject?: string;
  /** The plain-text body (for email, the text part). */
  body: string;
  kind: MessageKind;
  code?: string;
}

export interface OutboxFilter {
  /** Recipient, compared case-insensitively. */
  to?: string;
  userPoolId?: string;
  /** At most this many, newest first. */
  limit?: number;
}

/** Reads the dev outbox; newest message first. */
export interface DevOutbox {
  list(filter?: OutboxFilter): Promise<OutboxMessage[]>;
}
