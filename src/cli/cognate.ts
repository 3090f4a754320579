#!/usr/bin/env node
import { holdYoungGenerationGrowth } from "./young-generation.js";

// The `cognate` command: each subcommand lives in commands/<name>.ts. Commands other than serve open the
// configured storage themselves (see context.ts), so they work whether or not a server is running.

const serving = process.argv[2] === "serve";
// Before the server's modules load (hence the dynamic imports below): see young-generation.ts.
const releaseYoungGeneration = serving ? holdYoungGenerationGrowth() : () => {};
const { Command } = await import("commander");
const { registerServe } = await import("./commands/serve.js");

const program = new Command();
program
  .name("cognate")
  .description("Cognate: a self-hosted, drop-in Amazon Cognito.")
  .showHelpAfterError("(run with --help for usage)");

registerServe(program, { onListening: releaseYoungGeneration });
// `cognate serve` loads no other command: their modules (YAML, export/import, …) would stay resident in
// the server for nothing.
if (!serving) {
  const commands = await Promise.all([
    import("./commands/apply.js").then((module) => module.registerApply),
    import("./commands/user.js").then((module) => module.registerUser),
    import("./commands/outbox.js").then((module) => module.registerOutbox),
    import("./commands/keys.js").then((module) => module.registerKeys),
    import("./commands/admin-credentials.js").then((module) => module.registerAdminCredentials),
    import("./commands/export.js").then((module) => module.registerExport),
    import("./commands/import.js").then((module) => module.registerImport),
    import("./commands/import-log.js").then((module) => module.registerImportLog),
    import("./commands/audit.js").then((module) => module.registerAudit),
  ]);
  for (const register of commands) register(program);
}

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`cognate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
