import type { Command } from "commander";
import { action, CliError, withApplication } from "../context.js";
import { formatTable, printJson } from "../output.js";

// `cognate audit`: the newest audit log events (today: every trigger invocation and its outcome), read
// straight from the database, so it works with the server stopped too. A deleted pool's events stay
// listed, so --pool takes the pool id as stored rather than resolving it.

export function registerAudit(program: Command): void {
  program
    .command("audit")
    .description("Print the newest audit log events (trigger invocations and their outcomes), newest first.")
    .option("--pool <userPoolId>", "only events of this user pool")
    .option("--limit <n>", "at most this many events", "50")
    .option("--json", "one JSON object per line")
    .action(
      action("audit", async (options: { pool?: string; limit: string; json?: boolean }) => {
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
          throw new CliError("--limit must be a whole number from 1 to 10000", "For example: --limit 200");
        }
        await withApplication(async ({ application }) => {
          const events = await application.dependencies.storage.auditLog.listAuditEvents({
            ...(options.pool ? { userPoolId: options.pool } : {}),
            limit,
          });
          if (options.json) {
            for (const event of events) printJson({ ...event, at: event.at.toISOString() });
            return;
          }
          if (events.length === 0) {
            process.stdout.write(
              options.pool ? `No audit events for ${options.pool}.\n` : "The audit log is empty.\n",
            );
            return;
          }
          const rows = events.map((event) => [
            event.at.toISOString(),
            event.userPoolId ?? "-",
            event.kind,
            event.name,
            event.source ?? "-",
            event.outcome,
            event.durationMs === null ? "-" : String(event.durationMs),
            event.error ?? "",
          ]);
          process.stdout.write(
            formatTable(["TIME", "POOL", "KIND", "TRIGGER", "SOURCE", "OUTCOME", "MS", "ERROR"], rows),
          );
        });
      }),
    );
}
