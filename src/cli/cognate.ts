#!/usr/bin/env node
import { Command } from "commander";
import { CONFIG_VARIABLES, ConfigError, loadConfig } from "../config/config.js";
import { startServer } from "../main.js";

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
    let config: ReturnType<typeof loadConfig>;
    try {
      config = loadConfig(process.env);
    } catch (error) {
      if (error instanceof ConfigError) {
        process.stderr.write(`cognate: invalid configuration: ${error.message}\n`);
        process.exit(2);
      }
      throw error;
    }
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

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`cognate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
