import type { Command } from "commander";
import { buildApplication } from "../../main.js";
import { loadConfigOrExit } from "../context.js";

export function registerKeys(program: Command): void {
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
}
