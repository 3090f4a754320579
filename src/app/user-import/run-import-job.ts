import { type CsvRecord, CsvSyntaxError, createCsvReader } from "../../domain/user-import/csv.js";
import { headerProblem } from "../../domain/user-import/csv-user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { ImportLogEntry, ImportProgress } from "../../ports/user-import-jobs.js";
import type { AppDependencies } from "../dependencies.js";
import { schemaOf } from "../users/new-user.js";
import { importRows } from "./import-rows.js";

// The background part of StartUserImportJob, as Cognito runs an import:
// - Pending → InProgress; the uploaded CSV is read piece by piece, the first record is the header;
// - each row becomes a RESET_REQUIRED user with no password (they reset it with ForgotPassword), checked
//   like AdminCreateUser (schema, required attributes, username rules); an existing username is SKIPPED,
//   a row that breaks a rule is FAILED, and the job goes on; every row gets a line in the job log;
// - counters and log lines are written every BATCH_ROWS rows (the job's progress and heartbeat), when a
//   StopUserImportJob is also noticed (Stopping → Stopped);
// - an unreadable header or CSV fails the whole job (Failed, with the reason as CompletionMessage).

export type ImportRunnerDependencies = Pick<AppDependencies, "storage" | "clock" | "random" | "logger">;

const BATCH_ROWS = 250;

class JobFailure extends Error {}

function autoVerifiedAttributes(pool: UserPool): string[] {
  const value = pool.settings.AutoVerifiedAttributes;
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

async function runJob(deps: ImportRunnerDependencies, userPoolId: string, jobId: string): Promise<void> {
  const jobs = deps.storage.userImportJobs;
  if (
    !(await jobs.transitionImportJob(jobId, ["Pending"], "InProgress", { heartbeatAt: deps.clock.now() }))
  ) {
    // Stopped before it began.
    await jobs.transitionImportJob(jobId, ["Stopping"], "Stopped", {
      completedAt: deps.clock.now(),
      completionMessage: "The import job was stopped.",
    });
    return;
  }
  const pool = await deps.storage.userPools.findUserPool(userPoolId);
  if (!pool) return; // Deleting the pool deleted the job too.
  const schema = schemaOf(pool);
  const autoVerified = autoVerifiedAttributes(pool);
  if (autoVerified.length === 0) {
    throw new JobFailure(
      "The user pool has no auto-verified attributes (AutoVerifiedAttributes), so imported users could not reset their passwords.",
    );
  }

  const reader = createCsvReader();
  const progress: ImportProgress = {
    importedUsers: 0,
    skippedUsers: 0,
    failedUsers: 0,
    processedRows: 0,
    at: deps.clock.now(),
  };
  let log: ImportLogEntry[] = [];
  let header: string[] | undefined;

  let rows: CsvRecord[] = [];
  /** Imports the rows read so far and writes progress; true when a stop was requested meanwhile. */
  const importBatch = async (): Promise<boolean> => {
    const batch = rows;
    rows = [];
    for (const entry of await importRows(deps, pool, header ?? [], autoVerified, batch)) {
      if (entry.outcome === "SUCCEEDED") progress.importedUsers++;
      else if (entry.outcome === "SKIPPED") progress.skippedUsers++;
      else progress.failedUsers++;
      progress.processedRows++;
      log.push(entry);
    }
    const stopping = await flush();
    // Give the server's other requests a turn: on SQLite every query resolves at once, and a job that
    // never yields would hold the event loop until it ends.
    await new Promise((resolve) => setImmediate(resolve));
    return stopping;
  };

  /** Writes progress; true when a stop was requested meanwhile. */
  const flush = async (): Promise<boolean> => {
    await jobs.recordImportProgress(jobId, { ...progress, at: deps.clock.now() }, log);
    log = [];
    return (await jobs.findImportJob(userPoolId, jobId))?.status === "Stopping";
  };

  for (let seq = 0; ; seq++) {
    const text = await jobs.readUploadedCsv(jobId, seq);
    let records: ReturnType<typeof reader.end>;
    try {
      records = text === undefined ? reader.end() : reader.push(text);
    } catch (error) {
      if (error instanceof CsvSyntaxError)
        throw new JobFailure(`The CSV file cannot be parsed: ${error.message}`);
      throw error;
    }
    for (const record of records) {
      if (header === undefined) {
        header = record.fields;
        const problem = headerProblem(header, schema);
        if (problem) throw new JobFailure(problem);
        continue;
      }
      rows.push(record);
      if (rows.length >= BATCH_ROWS && (await importBatch())) {
        await jobs.transitionImportJob(jobId, ["Stopping"], "Stopped", {
          completedAt: deps.clock.now(),
          completionMessage: "The import job was stopped.",
        });
        return;
      }
    }
    if (text === undefined) break;
  }
  if (header === undefined) {
    throw new JobFailure(
      "The CSV file is empty: PUT the file to the job's PreSignedUrl before starting the job.",
    );
  }
  const stopping = await importBatch();
  await jobs.transitionImportJob(jobId, ["InProgress", "Stopping"], stopping ? "Stopped" : "Succeeded", {
    completedAt: deps.clock.now(),
    completionMessage: stopping ? "The import job was stopped." : "Import Job Completed Successfully.",
  });
}

/** Runs a started job to its end; never rejects (failures become the job's Failed status). */
export async function runUserImportJob(
  deps: ImportRunnerDependencies,
  userPoolId: string,
  jobId: string,
): Promise<void> {
  try {
    await runJob(deps, userPoolId, jobId);
  } catch (error) {
    const expected = error instanceof JobFailure;
    if (!expected) deps.logger.error({ err: error, jobId }, "user import job failed");
    const message = expected ? error.message : "The job failed with an internal error; see the server log.";
    await deps.storage.userImportJobs
      .transitionImportJob(jobId, ["Pending", "InProgress", "Stopping"], "Failed", {
        completedAt: deps.clock.now(),
        completionMessage: message,
      })
      .catch(() => {});
  }
}
