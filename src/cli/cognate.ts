#!/usr/bin/env node
import { Command } from "commander";
import { registerAdminCredentials } from "./commands/admin-credentials.js";
import { registerApply } from "./commands/apply.js";
import { registerExport } from "./commands/export.js";
import { registerImport } from "./commands/import.js";
import { registerImportLog } from "./commands/import-log.js";
import { registerKeys } from "./commands/keys.js";
import { registerOutbox } from "./commands/outbox.js";
import { registerServe } from "./commands/serve.js";
import { registerUser } from "./commands/user.js";

// The `cognate` command: each subcommand lives in commands/<name>.ts. Commands other than serve open the
// configured storage themselves (see context.ts), so they work whether or not a server is running.

const program = new Command();
program
  .name("cognate")
  .description("Cognate: a self-hosted, drop-in Amazon Cognito.")
  .showHelpAfterError("(run with --help for usage)");

registerServe(program);
registerApply(program);
registerUser(program);
registerOutbox(program);
registerKeys(program);
registerAdminCredentials(program);
registerExport(program);
registerImport(program);
registerImportLog(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`cognate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
