import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { createSmtpEmailSender } from "../../src/integrations/messaging/smtp-email-sender.js";
import { type EmailMessage, MessageDeliveryError } from "../../src/ports/message-sender.js";

interface Received {
  mailFrom: string;
  rcptTo: string[];
  user?: string;
  headers: string;
  body: string;
}

/** Undoes quoted-printable soft breaks and escapes so bodies can be compared as text. */
function decodeQuotedPrintable(text: string): string {
  return Buffer.from(
    text
      .replace(/=\r\n/g, "")
      .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    "latin1",
  ).toString("utf8");
}

async function startSmtpServer(options: Partial<SMTPServerOptions> = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: options.secure ? [] : ["STARTTLS"],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "mailer" && auth.password === "s3cret") callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const split = raw.indexOf("\r\n\r\n");
        const mailFrom = session.envelope.mailFrom;
        received.push({
          mailFrom: mailFrom ? mailFrom.address : "",
          rcptTo: session.envelope.rcptTo.map((address) => address.address),
          ...(typeof session.user === "string" ? { user: session.user } : {}),
          headers: raw.slice(0, split),
          body: decodeQuotedPrintable(raw.slice(split + 4)),
        });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { server, port, received };
}

const message: EmailMessage = {
  userPoolId: "us-east-1_AAAAAAAAA",
  to: "alice@example.com",
  subject: "Your verification code",
  htmlBody: "<p>Your verification code is <b>123456</b>. </p>",
  textBody: "Your verification code is 123456. ",
  kind: "SignUp",
  code: "123456",
};

describe("SMTP email sender", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  const track = <T extends { close(): void }>(sender: T): T => {
    cleanups.push(() => sender.close());
    return sender;
  };
  const serve = async (options: Partial<SMTPServerOptions> = {}) => {
    const started = await startSmtpServer(options);
    cleanups.push(() => new Promise<void>((resolve) => started.server.close(() => resolve())));
    return started;
  };

  it("delivers from Cognito's default sender with subject, text and HTML, authenticating from the URL", async () => {
    const { port, received } = await serve();
    const sender = track(createSmtpEmailSender({ url: `smtp://mailer:s3cret@127.0.0.1:${port}` }));
    await sender.sendEmail(message);

    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail?.user).toBe("mailer");
    expect(mail?.mailFrom).toBe("no-reply@verificationemail.com");
    expect(mail?.rcptTo).toEqual(["alice@example.com"]);
    expect(mail?.headers).toMatch(/^From: no-reply@verificationemail\.com$/m);
    expect(mail?.headers).toMatch(/^To: alice@example\.com$/m);
    expect(mail?.headers).toMatch(/^Subject: Your verification code$/m);
    expect(mail?.headers).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(mail?.headers).not.toMatch(/^Reply-To:/m);
    expect(mail?.body).toContain("Your verification code is 123456. ");
    expect(mail?.body).toContain("<p>Your verification code is <b>123456</b>. </p>");
  });

  it("uses the pool's From and Reply-To over the configured default sender", async () => {
    const { port, received } = await serve();
    const sender = track(
      createSmtpEmailSender({ url: `smtp://127.0.0.1:${port}`, defaultFrom: "auth@cognate.test" }),
    );
    await sender.sendEmail({ ...message, to: "bob@example.com" });
    await sender.sendEmail({ ...message, from: "My App <app@example.com>", replyTo: "help@example.com" });

    expect(received.map((mail) => mail.mailFrom)).toEqual(["auth@cognate.test", "app@example.com"]);
    expect(received[0]?.rcptTo).toEqual(["bob@example.com"]);
    expect(received[1]?.headers).toMatch(/^From: My App <app@example\.com>$/m);
    expect(received[1]?.headers).toMatch(/^Reply-To: help@example\.com$/m);
  });

  it("sends a text-only message when there is no HTML body", async () => {
    const { port, received } = await serve();
    const sender = track(createSmtpEmailSender({ url: `smtp://127.0.0.1:${port}` }));
    const { htmlBody: _html, ...textOnly } = message;
    await sender.sendEmail({
      ...textOnly,
      subject: "Your temporary password",
      textBody: "Your username is bob and temporary password is P@ss=1. ",
    });
    expect(received[0]?.headers).toMatch(/^Content-Type: text\/plain/m);
    expect(received[0]?.headers).toMatch(/^Subject: Your temporary password$/m);
    expect(received[0]?.body).toContain("Your username is bob and temporary password is P@ss=1. ");
  });

  it("speaks TLS from the start with smtps://", async () => {
    const { port, received } = await serve({ secure: true });
    const sender = track(
      createSmtpEmailSender({ url: `smtps://mailer:s3cret@127.0.0.1:${port}?tls.rejectUnauthorized=false` }),
    );
    await sender.sendEmail(message);
    expect(received[0]?.user).toBe("mailer");
    expect(received[0]?.body).toContain("123456");
  });

  it("fails with MessageDeliveryError when the server refuses the recipient, the login or is down", async () => {
    const { port } = await serve({
      onRcptTo(address, _session, callback) {
        callback(address.address.endsWith("@blocked.test") ? new Error("Mailbox unavailable") : null);
      },
    });
    const sender = track(createSmtpEmailSender({ url: `smtp://127.0.0.1:${port}` }));
    const refused = sender.sendEmail({ ...message, to: "eve@blocked.test" });
    await expect(refused).rejects.toBeInstanceOf(MessageDeliveryError);
    await expect(refused).rejects.toMatchObject({
      channel: "email",
      message: expect.stringMatching(/Mailbox unavailable/),
    });

    const badLogin = track(createSmtpEmailSender({ url: `smtp://mailer:wrong@127.0.0.1:${port}` }));
    await expect(badLogin.sendEmail(message)).rejects.toBeInstanceOf(MessageDeliveryError);

    const down = track(createSmtpEmailSender({ url: "smtp://127.0.0.1:1", timeouts: { connection: 2000 } }));
    await expect(down.sendEmail(message)).rejects.toMatchObject({
      name: "MessageDeliveryError",
      channel: "email",
    });
  });

  it("rejects URLs that are not smtp:// or smtps://", () => {
    expect(() => createSmtpEmailSender({ url: "https://mail.example.com" })).toThrow(
      /smtp:\/\/ or smtps:\/\//,
    );
    expect(() => createSmtpEmailSender({ url: "not a url" })).toThrow(/smtp:\/\/ or smtps:\/\//);
  });
});
