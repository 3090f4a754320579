import type { Command } from "commander";
import { outboxFilePath, readDevOutboxFile } from "../../integrations/messaging/file-dev-outbox.js";
import { loadConfigOrExit } from "../context.js";

export function registerOutbox(program: Command): void {
  program
    .command("outbox")
    .description(
      "Print the dev outbox (codes and links sent while no SMTP/SMS provider is set), newest first.",
    )
    .option("--to <recipient>", "only messages to this email address or phone number")
    .option("--pool <userPoolId>", "only messages of this user pool")
    .option("--limit <n>", "at most this many messages", "20")
    .option("--json", "one JSON object per line")
    .action(async (options: { to?: string; pool?: string; limit: string; json?: boolean }) => {
      const config = loadConfigOrExit();
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) {
        process.stderr.write("cognate outbox: --limit must be a positive whole number\n");
        process.exit(2);
      }
      const messages = await readDevOutboxFile(outboxFilePath(config.dataDir), {
        ...(options.to ? { to: options.to } : {}),
        ...(options.pool ? { userPoolId: options.pool } : {}),
        limit,
      });
      for (const message of messages) {
        if (options.json) {
          process.stdout.write(`${JSON.stringify(message)}\n`);
        } else {
          const code = message.code ? `  code ${message.code}` : "";
          process.stdout.write(`${message.at}  ${message.channel}  ${message.kind}  ${message.to}${code}\n`);
        }
      }
      if (messages.length === 0 && !options.json) process.stdout.write("The dev outbox is empty.\n");
    });
}
