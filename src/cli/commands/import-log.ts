import type { Command } from "commander";
import { action, CliError, withApplication } from "../context.js";
import { printJson } from "../output.js";
import { resolvePool } from "./pools.js";

/** The per-job log of a CSV user import job (what Cognito writes to CloudWatch Logs). */
export function registerImportLog(program: Command): void {
  program
    .command("import-log")
    .description("Print the log of a CSV user import job (StartUserImportJob): one line per CSV row.")
    .argument("<jobId>", "the job id (import-…)")
    .requiredOption("--pool <idOrName>", "the user pool, by id or by PoolName")
    .option("--failed", "only rows that failed or were skipped")
    .option("--json", "one JSON object per line")
    .action(
      action(
        "import-log",
        async (jobId: string, options: { pool: string; failed?: boolean; json?: boolean }) => {
          await withApplication(async ({ application }) => {
            const storage = application.dependencies.storage;
            const pool = await resolvePool(storage, options.pool);
            const job = await storage.userImportJobs.findImportJob(pool.id, jobId);
            if (!job)
              throw new CliError(
                `no import job ${jobId} in ${pool.id}`,
                "List the pool's jobs with ListUserImportJobs.",
              );
            let after = 0;
            for (;;) {
              const entries = await storage.userImportJobs.listImportLog(job.jobId, after, 1000);
              for (const entry of entries) {
                if (options.failed && entry.outcome === "SUCCEEDED") continue;
                if (options.json) printJson(entry);
                else
                  process.stdout.write(
                    `[${entry.outcome}] Line Number ${entry.lineNumber} - ${entry.message}\n`,
                  );
              }
              const last = entries.at(-1);
              if (!last) break;
              after = last.lineNumber;
            }
            if (!options.json) {
              process.stdout.write(
                `${job.jobId} ${job.status}: ${job.importedUsers} imported, ${job.skippedUsers} skipped, ${job.failedUsers} failed.\n`,
              );
            }
          });
        },
      ),
    );
}
