#!/usr/bin/env node
import { Command } from "commander";
import { CONFIG_VARIABLES, ConfigError, loadConfig } from "../config/config.js";
import { loadOrCreateAdminCredentials } from "../integrations/crypto/data-dir-secrets.js";
import { outboxFilePath, readDevOutboxFile } from "../integrations/messaging/file-dev-outbox.js";
import { buildApplication, startServer } from "../main.js";

function loadConfigOrExit(): ReturnType<typeof loadConfig> {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`cognate: invalid configuration: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

const program = new Command();
program.name("cognate").description("Cognate: a self-hosted, drop-in Amazon Cognito.");

program
  .command("serve")
  .description("Serve the Cognito APIs (what `npm start` runs).")
  .addHelpText(
    "after",
    `\nConfiguration comes from environment variables:\n${Object.values(CONFIG_VARIABLES)
      .map((name) => `  ${name}`)
      .join("\n")}\nSee the README for their meaning and defaults.`,
  )
  .action(async () => {
    const config = loadConfigOrExit();
    const server = await startServer(config);
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      // A second signal while draining forces the exit.
      process.once(signal, () => process.exit(1));
      server.close().then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`cognate: error while stopping: ${String(error)}\n`);
          process.exit(1);
        },
      );
    };
    process.on("SIGTERM", () => stop("SIGTERM"));
    process.on("SIGINT", () => stop("SIGINT"));
  });

program
  .command("outbox")
  .description("Print the dev outbox (codes and links sent while no SMTP/SMS provider is set), newest first.")
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

const keys = program.command("keys").description("Manage token signing keys.");
keys
  .command("rotate")
  .description(
    "Create new signing keys for a user pool; tokens signed by the old keys stay verifiable for a day.",
  )
  .requiredOption("--pool <userPoolId>", "the user pool whose keys to rotate")
  .option("--json", "print the result as JSON")
  .action(async (options: { pool: string; json?: boolean }) => {
    const application = await buildApplication(loadConfigOrExit(), { announceGeneratedCredentials: false });
    try {
      const rotation = await application.dependencies.tokens.rotateSigningKeys(options.pool);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(rotation)}\n`);
      } else {
        process.stdout.write(
          `New keys: ${rotation.created.join(", ")}\nRetired (still published for a day): ${rotation.retired.join(", ") || "none"}\n`,
        );
      }
    } catch (error) {
      process.stderr.write(
        `cognate keys rotate: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 1;
    } finally {
      await application.close();
    }
  });

program
  .command("admin-credentials")
  .description("Print the credentials admin (SigV4-signed) calls must use.")
  .option("--json", "print them as JSON")
  .action(async (options: { json?: boolean }) => {
    const config = loadConfigOrExit();
    const { credentials } = loadOrCreateAdminCredentials(config.dataDir, {
      accessKeyId: config.adminAccessKeyId,
      secretAccessKey: config.adminSecretAccessKey,
    });
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ ...credentials, region: config.region })}\n`);
    } else {
      process.stdout.write(
        `AWS_ACCESS_KEY_ID=${credentials.accessKeyId}\nAWS_SECRET_ACCESS_KEY=${credentials.secretAccessKey}\nAWS_REGION=${config.region}\n`,
      );
    }
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`cognate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
