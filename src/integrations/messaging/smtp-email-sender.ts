import type { Transporter } from "nodemailer";
import { DEFAULT_EMAIL_FROM } from "../../domain/messages/default-templates.js";
import { type EmailMessage, type EmailSender, MessageDeliveryError } from "../../ports/message-sender.js";

/*
 * Email through SMTP (nodemailer) from a connection URL: smtp://user:pass@host:587 (STARTTLS when the
 * server offers it) or smtps://user:pass@host:465 (TLS from the start); nodemailer's URL query options
 * such as ?tls.rejectUnauthorized=false also apply.
 * - From: the message's (the pool's EmailConfiguration.From), else `defaultFrom`, else Cognito's
 *   no-reply@verificationemail.com.
 * - The code field is ignored: it is already in the body.
 * - Timeouts are short so a dead relay fails the request instead of hanging it.
 * - nodemailer (about 13 MB resident) is loaded by the first email, not at start.
 */

export interface SmtpEmailSenderOptions {
  url: string;
  defaultFrom?: string;
  /** Milliseconds for connecting, for the greeting and for socket inactivity; default 10 s / 10 s / 30 s. */
  timeouts?: { connection?: number; greeting?: number; socket?: number };
}

export type SmtpEmailSender = EmailSender & { close(): void };

/** Throws when the URL is not an smtp:// or smtps:// URL (config validation can call it too). */
export function assertSmtpUrl(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new Error("must be an smtp:// or smtps:// URL");
  }
  if (protocol !== "smtp:" && protocol !== "smtps:") throw new Error("must be an smtp:// or smtps:// URL");
}

export function createSmtpEmailSender(options: SmtpEmailSenderOptions): SmtpEmailSender {
  assertSmtpUrl(options.url);
  let transport: Promise<Transporter> | undefined;
  const transportNow = () =>
    (transport ??= import("nodemailer").then(({ createTransport }) =>
      createTransport({
        url: options.url,
        connectionTimeout: options.timeouts?.connection ?? 10_000,
        greetingTimeout: options.timeouts?.greeting ?? 10_000,
        socketTimeout: options.timeouts?.socket ?? 30_000,
      }),
    ));
  const defaultFrom = options.defaultFrom ?? DEFAULT_EMAIL_FROM;

  return {
    async sendEmail(message: EmailMessage) {
      try {
        await (await transportNow()).sendMail({
          from: message.from ?? defaultFrom,
          to: message.to,
          ...(message.replyTo ? { replyTo: message.replyTo } : {}),
          subject: message.subject,
          text: message.textBody,
          ...(message.htmlBody !== undefined ? { html: message.htmlBody } : {}),
        });
      } catch (error) {
        throw new MessageDeliveryError("email", `SMTP delivery failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
    },
    close() {
      void transport?.then((opened) => opened.close());
    },
  };
}
