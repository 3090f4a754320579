import { randomUUID } from "node:crypto";
import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMessaging } from "../../src/integrations/messaging/create-messaging.js";
import {
  createFileDevOutbox,
  type FileDevOutbox,
  outboxFilePath,
  readDevOutboxFile,
} from "../../src/integrations/messaging/file-dev-outbox.js";
import type { Logger } from "../../src/ports/logger.js";

interface LogEntry {
  level: string;
  fields: Record<string, unknown>;
  message: string;
}

function capturingLogger(entries: LogEntry[]): Logger {
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => {
    entries.push({ level, fields, message });
  };
  return { info: at("info"), warn: at("warn"), error: at("error") };
}

/** A clock that moves one second per reading, so every message has its own time. */
function steppingClock(start = Date.parse("2030-01-01T00:00:00Z")) {
  let now = start;
  return {
    now: () => {
      const date = new Date(now);
      now += 1000;
      return date;
    },
  };
}

const random = { bytes: (length: number) => new Uint8Array(length), uuid: () => randomUUID() };

describe("file dev outbox", () => {
  let dataDir: string;
  let logs: LogEntry[];
  let outbox: FileDevOutbox;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "cognate-outbox-"));
    logs = [];
    outbox = createFileDevOutbox({
      filePath: outboxFilePath(join(dataDir, "nested")),
      clock: steppingClock(),
      random,
      logger: capturingLogger(logs),
    });
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("is empty before the first message (no file yet)", async () => {
    expect(await outbox.list()).toEqual([]);
  });

  it("records email and SMS as JSON lines with the code as its own field", async () => {
    await outbox.sendEmail({
      userPoolId: "us-east-1_AAAAAAAAA",
      to: "alice@example.com",
      subject: "Your verification code",
      htmlBody: "<b>Your verification code is 123456. </b>",
      textBody: "Your verification code is 123456. ",
      kind: "SignUp",
      code: "123456",
    });
    await outbox.sendSms({
      userPoolId: "us-east-1_AAAAAAAAA",
      to: "+12065551234",
      body: "Your authentication code is 654321. ",
      kind: "Authentication",
    });

    const lines = (await readFile(outbox.filePath, "utf8")).trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0] ?? "");
    expect(first).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      at: "2030-01-01T00:00:00.000Z",
      channel: "email",
      userPoolId: "us-east-1_AAAAAAAAA",
      to: "alice@example.com",
      subject: "Your verification code",
      body: "Your verification code is 123456. ",
      kind: "SignUp",
      code: "123456",
    });
    const second = JSON.parse(lines[1] ?? "");
    expect(second).toMatchObject({ channel: "sms", to: "+12065551234", kind: "Authentication" });
    expect(second).not.toHaveProperty("code");
    expect(second).not.toHaveProperty("subject");
  });

  it("logs each message at info level without body or code", async () => {
    await outbox.sendEmail({
      userPoolId: "us-east-1_AAAAAAAAA",
      to: "alice@example.com",
      subject: "s",
      textBody: "Your code is 987654",
      kind: "ForgotPassword",
      code: "987654",
    });
    expect(logs).toHaveLength(1);
    const [entry] = logs;
    expect(entry?.level).toBe("info");
    expect(entry?.fields).toMatchObject({ channel: "email", kind: "ForgotPassword", to: "a***@e***" });
    expect(JSON.stringify(entry)).not.toContain("987654");
  });

  it("lists newest first and filters by recipient (case-insensitive), pool and limit", async () => {
    const send = (to: string, userPoolId: string, code: string) =>
      outbox.sendSms({ userPoolId, to, body: `code ${code}`, kind: "SignUp", code });
    await send("+10000000001", "pool-a", "1");
    await outbox.sendEmail({
      userPoolId: "pool-a",
      to: "Bob@Example.com",
      subject: "s",
      textBody: "b 2",
      kind: "SignUp",
      code: "2",
    });
    await send("+10000000001", "pool-b", "3");
    await send("+10000000001", "pool-a", "4");

    expect((await outbox.list()).map((m) => m.code)).toEqual(["4", "3", "2", "1"]);
    expect((await outbox.list({ to: "+10000000001" })).map((m) => m.code)).toEqual(["4", "3", "1"]);
    expect((await outbox.list({ to: "bob@example.COM" })).map((m) => m.code)).toEqual(["2"]);
    expect((await outbox.list({ userPoolId: "pool-a" })).map((m) => m.code)).toEqual(["4", "2", "1"]);
    expect(
      (await outbox.list({ to: "+10000000001", userPoolId: "pool-a", limit: 1 })).map((m) => m.code),
    ).toEqual(["4"]);
    expect(await outbox.list({ to: "nobody@example.com" })).toEqual([]);
    const times = (await outbox.list()).map((m) => m.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("serialises concurrent appends: every message is one whole line, in call order", async () => {
    const count = 300;
    const longBody = "x".repeat(5000);
    await Promise.all(
      Array.from({ length: count }, (_, index) =>
        outbox.sendSms({
          userPoolId: "p",
          to: "+10000000000",
          body: `${index} ${longBody}`,
          kind: "ResendCode",
          code: String(index),
        }),
      ),
    );
    const lines = (await readFile(outbox.filePath, "utf8")).trimEnd().split("\n");
    expect(lines).toHaveLength(count);
    expect(lines.map((line) => JSON.parse(line).code)).toEqual(
      Array.from({ length: count }, (_, i) => String(i)),
    );
    const listed = await outbox.list();
    expect(listed).toHaveLength(count);
    expect(listed[0]?.code).toBe(String(count - 1));
    expect(new Set(listed.map((m) => m.id)).size).toBe(count);
  });

  it("a second reader (the CLI) sees the same messages, and skips torn or foreign lines", async () => {
    await outbox.sendSms({ userPoolId: "p", to: "+10000000000", body: "code 1", kind: "SignUp", code: "1" });
    await appendFile(outbox.filePath, 'not json\n{"id":"x"}\n{"id":"half');
    expect((await readDevOutboxFile(outbox.filePath)).map((m) => m.code)).toEqual(["1"]);
    expect(await readDevOutboxFile(join(dataDir, "missing.ndjson"))).toEqual([]);
  });
});

describe("createMessaging", () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "cognate-messaging-"));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("sends both channels to {dataDir}/outbox.ndjson when no provider is configured", async () => {
    const messaging = createMessaging({
      dataDir,
      clock: steppingClock(),
      random,
      logger: capturingLogger([]),
    });
    expect(messaging.channels).toEqual({ email: "dev-outbox", sms: "dev-outbox" });
    await messaging.sender.sendEmail({
      userPoolId: "p",
      to: "a@b.test",
      subject: "s",
      textBody: "t",
      kind: "SignUp",
      code: "11",
    });
    await messaging.sender.sendSms({
      userPoolId: "p",
      to: "+10000000000",
      body: "t",
      kind: "SignUp",
      code: "22",
    });
    const stored = await readDevOutboxFile(join(dataDir, "outbox.ndjson"));
    expect(stored.map((m) => [m.channel, m.code])).toEqual([
      ["sms", "22"],
      ["email", "11"],
    ]);
    expect(await messaging.outbox.list({ limit: 1 })).toEqual([stored[0]]);
    await messaging.close();
  });

  it("uses the configured providers and keeps the outbox for the other channel", async () => {
    const messaging = createMessaging({
      dataDir,
      smtpUrl: "smtp://127.0.0.1:1",
      clock: steppingClock(),
      random,
      logger: capturingLogger([]),
    });
    expect(messaging.channels).toEqual({ email: "smtp", sms: "dev-outbox" });
    await messaging.close();
    const both = createMessaging({
      dataDir,
      smtpUrl: "smtps://u:p@127.0.0.1:1",
      smsWebhookUrl: "http://127.0.0.1:1/sms",
      clock: steppingClock(),
      random,
      logger: capturingLogger([]),
    });
    expect(both.channels).toEqual({ email: "smtp", sms: "webhook" });
    await both.close();
  });

  it("refuses URLs of the wrong kind", () => {
    const base = { dataDir, clock: steppingClock(), random, logger: capturingLogger([]) };
    expect(() => createMessaging({ ...base, smtpUrl: "http://mail.test" })).toThrow(/smtp/);
    expect(() => createMessaging({ ...base, smsWebhookUrl: "ftp://sms.test" })).toThrow(/http/);
  });
});
