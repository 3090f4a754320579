import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import type { DevOutbox, EmailSender, MessageSender, SmsSender } from "../../ports/message-sender.js";
import type { RandomSource } from "../../ports/random.js";
import { createFileDevOutbox, outboxFilePath } from "./file-dev-outbox.js";
import { createSmtpEmailSender } from "./smtp-email-sender.js";
import { createWebhookSmsSender } from "./webhook-sms-sender.js";

/*
 * Builds the message sender from configuration: SMTP for email when a URL is set, the webhook for SMS
 * when a URL is set, and the dev outbox ({dataDir}/outbox.ndjson) for each channel without a provider.
 * The outbox reader is always available (empty when nothing went there).
 */

export interface MessagingOptions {
  dataDir: string;
  smtpUrl?: string;
  /** Default From for SMTP when the pool sets no EmailConfiguration.From. */
  emailFrom?: string;
  smsWebhookUrl?: string;
  clock: Clock;
  random: RandomSource;
  logger: Logger;
}

export interface Messaging {
  sender: MessageSender;
  outbox: DevOutbox;
  /** Where each channel goes, for the start-up log line. */
  channels: { email: "smtp" | "dev-outbox"; sms: "webhook" | "dev-outbox" };
  close(): Promise<void>;
}

/** Joins one email sender and one SMS sender into a MessageSender. */
export function combineSenders(email: EmailSender, sms: SmsSender): MessageSender {
  return {
    sendEmail: (message) => email.sendEmail(message),
    sendSms: (message) => sms.sendSms(message),
  };
}

export function createMessaging(options: MessagingOptions): Messaging {
  const outbox = createFileDevOutbox({
    filePath: outboxFilePath(options.dataDir),
    clock: options.clock,
    random: options.random,
    logger: options.logger,
  });
  const smtp = options.smtpUrl
    ? createSmtpEmailSender({
        url: options.smtpUrl,
        ...(options.emailFrom ? { defaultFrom: options.emailFrom } : {}),
      })
    : undefined;
  const webhook = options.smsWebhookUrl ? createWebhookSmsSender({ url: options.smsWebhookUrl }) : undefined;
  return {
    sender: combineSenders(smtp ?? outbox, webhook ?? outbox),
    outbox,
    channels: { email: smtp ? "smtp" : "dev-outbox", sms: webhook ? "webhook" : "dev-outbox" },
    async close() {
      smtp?.close();
    },
  };
}
