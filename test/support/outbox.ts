import { outboxFilePath, readDevOutboxFile } from "../../src/integrations/messaging/file-dev-outbox.js";
import type { OutboxMessage } from "../../src/ports/message-sender.js";

/** The newest message the server put in its dev outbox for `to` (email or phone), or throws. */
export async function latestMessage(dataDir: string, to: string): Promise<OutboxMessage> {
  const [message] = await readDevOutboxFile(outboxFilePath(dataDir), { to, limit: 1 });
  if (!message) throw new Error(`no message for ${to} in the dev outbox`);
  return message;
}

/** The code of the newest message for `to` (a verification code, or a temporary password). */
export async function latestCode(dataDir: string, to: string): Promise<string> {
  const message = await latestMessage(dataDir, to);
  if (!message.code) throw new Error(`the newest message for ${to} carries no code`);
  return message.code;
}
