import type { Command } from "commander";
import { applyConfiguration } from "../../app/config-as-code/apply-configuration.js";
import { DeclarationError } from "../../app/config-as-code/declaration.js";
import { ApplyError, type ApplyResult, type PlannedChange } from "../../app/config-as-code/plan.js";
import {
  DeclarationFileError,
  readDeclarationFile,
} from "../../integrations/config-files/declaration-file.js";
import { action, CliError, withApplication } from "../context.js";
import { formatTable, printJson } from "../output.js";

const SYMBOL: Record<PlannedChange["action"], string> = {
  create: "+",
  update: "~",
  delete: "-",
  unchanged: "=",
  skip: "?",
  refuse: "!",
};

function printChanges(changes: PlannedChange[], dryRun: boolean): void {
  const shown = changes.filter((change) => change.action !== "unchanged");
  if (shown.length === 0) {
    process.stdout.write(`No changes: ${changes.length} declared item(s) already match.\n`);
    return;
  }
  process.stdout.write(
    formatTable(
      ["", "kind", "name", dryRun ? "would change" : "changed"],
      shown.map((change) => [SYMBOL[change.action], change.kind, change.name, change.details.join(", ")]),
    ),
  );
  const count = (kind: PlannedChange["action"]) => changes.filter((change) => change.action === kind).length;
  process.stdout.write(
    `${dryRun ? "Plan" : "Applied"}: ${count("create")} to create, ${count("update")} to update, ${count("unchanged")} unchanged` +
      `${count("skip") ? `, ${count("skip")} skipped` : ""}${count("refuse") ? `, ${count("refuse")} refused` : ""}.\n`,
  );
}

function printResult(result: ApplyResult): void {
  printChanges(result.changes, result.dryRun);
  if (result.ids.length > 0) {
    process.stdout.write(
      `\n${formatTable(
        ["kind", "name", "id"],
        result.ids.map((id) => [id.kind, id.name, id.id]),
      )}`,
    );
  }
  if (result.dryRun) process.stdout.write("Dry run: nothing was changed. Run without --dry-run to apply.\n");
}

export function registerApply(program: Command): void {
  program
    .command("apply")
    .description(
      "Create or update pools, clients, groups, resource servers, domains and users from a YAML or JSON file.",
    )
    .argument("<file>", "the declaration (see docs/cli.md and examples/loyalty-app.yaml)")
    .option("--dry-run", "print the plan without changing anything")
    .option("--json", "print the result as JSON")
    .action(
      action("apply", async (file: string, options: { dryRun?: boolean; json?: boolean }) => {
        let document: unknown;
        try {
          document = await readDeclarationFile(file);
        } catch (error) {
          if (error instanceof DeclarationFileError)
            throw new CliError(error.message, "Check the path and the file's syntax.");
          throw error;
        }
        await withApplication(async ({ application, actions }) => {
          try {
            const result = await applyConfiguration({ ...application.dependencies, actions }, document, {
              dryRun: options.dryRun === true,
            });
            if (options.json) printJson(result);
            else printResult(result);
            if (result.changes.some((change) => change.action === "refuse")) process.exitCode = 3;
          } catch (error) {
            if (error instanceof DeclarationError) {
              throw new CliError(
                `${file}: ${error.message}`,
                "Fix the file; docs/cli.md describes its format.",
                2,
              );
            }
            if (error instanceof ApplyError) {
              if (!options.json && error.changes.length > 0) printChanges(error.changes, false);
              throw new CliError(
                error.message,
                "Fix the item named above and apply again: what was applied stays, and a second apply continues from there.",
              );
            }
            throw error;
          }
        });
      }),
    );
}
