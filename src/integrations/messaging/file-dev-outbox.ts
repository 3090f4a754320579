import { appendFile, mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { maskEmail, maskPhoneNumber } from "../../domain/messages/mask-destination.js";
import { isMessageKind } from "../../domain/messages/message-kind.js";
import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import type {
  DevOutbox,
  EmailMessage,
  MessageSender,
  OutboxFilter,
  OutboxMessage,
  SmsMessage,
} from "../../ports/message-sender.js";
import type { RandomSource } from "../../ports/random.js";
import { isPlainObject } from "../../shared/json.js";

/*
 * The dev outbox: messages for channels with no provider land here instead of being sent.
 * - One JSON object per line in {dataDir}/outbox.ndjson, appended and never rewritten, so `tail -f`,
 *   the CLI and the dev HTTP endpoint can read it while the server runs.
 * - Appends within this process are serialised (one in flight at a time, in call order); each line is
 *   one append(2) write, so a reader sees whole lines; a torn last line is skipped.
 * - The log line names the message but never carries the body or the code.
 */

export const OUTBOX_FILE_NAME = "outbox.ndjson";

export function outboxFilePath(dataDir: string): string {
  return join(dataDir, OUTBOX_FILE_NAME);
}

export interface FileDevOutboxOptions {
  filePath: string;
  clock: Clock;
  random: RandomSource;
  logger: Logger;
}

export type FileDevOutbox = MessageSender & DevOutbox & { readonly filePath: string };

export function createFileDevOutbox(options: FileDevOutboxOptions): FileDevOutbox {
  const { filePath, clock, random, logger } = options;
  let tail: Promise<void> = Promise.resolve();
  let directoryReady: Promise<unknown> | undefined;

  const append = (message: OutboxMessage): Promise<void> => {
    const line = `${JSON.stringify(message)}\n`;
    const write = tail.then(async () => {
      directoryReady ??= mkdir(dirname(filePath), { recursive: true });
      await directoryReady;
      await appendFile(filePath, line, "utf8");
    });
    // A failed append must not block the ones queued after it.
    tail = write.catch(() => undefined);
    return write;
  };

  const record = async (message: OutboxMessage): Promise<void> => {
    await append(message);
    logger.info(
      {
        outboxId: message.id,
        channel: message.channel,
        kind: message.kind,
        userPoolId: message.userPoolId,
        to: message.channel === "email" ? maskEmail(message.to) : maskPhoneNumber(message.to),
        file: filePath,
      },
      `${message.channel} message written to the dev outbox (no provider configured)`,
    );
  };

  const base = () => ({ id: random.uuid(), at: clock.now().toISOString() });

  return {
    filePath,
    sendEmail(message: EmailMessage) {
      return record({
        ...base(),
        channel: "email",
        userPoolId: message.userPoolId,
        to: message.to,
        subject: message.subject,
        body: message.textBody,
        kind: message.kind,
        ...(message.code !== undefined ? { code: message.code } : {}),
      });
    },
    sendSms(message: SmsMessage) {
      return record({
        ...base(),
        channel: "sms",
        userPoolId: message.userPoolId,
        to: message.to,
        body: message.body,
        kind: message.kind,
        ...(message.code !== undefined ? { code: message.code } : {}),
      });
    },
    async list(filter?: OutboxFilter) {
      await tail;
      return readDevOutboxFile(filePath, filter);
    },
  };
}

function parseLine(line: string): OutboxMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isPlainObject(value)) return undefined;
  const { id, at, channel, userPoolId, to, subject, body, kind, code } = value;
  if (
    typeof id !== "string" ||
    typeof at !== "string" ||
    (channel !== "email" && channel !== "sms") ||
    typeof userPoolId !== "string" ||
    typeof to !== "string" ||
    typeof body !== "string" ||
    typeof kind !== "string" ||
    !isMessageKind(kind)
  ) {
    return undefined;
  }
  return {
    id,
    at,
    channel,
    userPoolId,
    to,
    ...(typeof subject === "string" ? { subject } : {}),
    body,
    kind,
    ...(typeof code === "string" ? { code } : {}),
  };
}

/** Reads an outbox file (also for the CLI, without a running server); newest first; missing file = empty. */
export async function readDevOutboxFile(
  filePath: string,
  filter: OutboxFilter = {},
): Promise<OutboxMessage[]> {
  let text: string;
  try {
    text = await readFile(filePath, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const to = filter.to?.toLowerCase();
  const limit = filter.limit ?? Number.POSITIVE_INFINITY;
  const lines = text.split("\n");
  const found: OutboxMessage[] = [];
  for (let index = lines.length - 1; index >= 0 && found.length < limit; index--) {
    const line = lines[index];
    if (!line) continue;
    const message = parseLine(line);
    if (!message) continue;
    if (to !== undefined && message.to.toLowerCase() !== to) continue;
    if (filter.userPoolId !== undefined && message.userPoolId !== filter.userPoolId) continue;
    found.push(message);
  }
  return found;
}
