import type { Kysely, Selectable } from "kysely";
import type {
  ImportLogOutcome,
  UserImportJob,
  UserImportJobRepository,
  UserImportJobStatus,
} from "../../ports/user-import-jobs.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { withWriteErrors } from "./errors.js";
import type { Database, UserImportJobsTable } from "./schema.js";

type InTransaction = <T>(work: (trx: Kysely<Database>) => Promise<T>) => Promise<T>;

/** Log lines per insert statement (well under SQLite's bound-parameter limit). */
const LOG_INSERT_BATCH = 150;

const dateOrNull = (value: number | null) => (value === null ? null : new Date(Number(value)));

function jobFromRow(row: Selectable<UserImportJobsTable>): UserImportJob {
  return {
    jobId: row.job_id,
    userPoolId: row.user_pool_id,
    jobName: row.job_name,
    cloudWatchLogsRoleArn: row.cloudwatch_logs_role_arn,
    status: row.status as UserImportJobStatus,
    createdAt: new Date(Number(row.created_at)),
    startedAt: dateOrNull(row.started_at),
    completedAt: dateOrNull(row.completed_at),
    importedUsers: Number(row.imported_users),
    skippedUsers: Number(row.skipped_users),
    failedUsers: Number(row.failed_users),
    completionMessage: row.completion_message,
    uploadedChars: Number(row.uploaded_chars),
    processedRows: Number(row.processed_rows),
    heartbeatAt: dateOrNull(row.heartbeat_at),
  };
}

export function kyselyUserImportJobRepository(
  db: Kysely<Database>,
  inTransaction: InTransaction,
): UserImportJobRepository {
  return {
    async insertImportJob(job) {
      await withWriteErrors(() =>
        db
          .insertInto("user_import_jobs")
          .values({
            job_id: job.jobId,
            user_pool_id: job.userPoolId,
            job_name: job.jobName,
            cloudwatch_logs_role_arn: job.cloudWatchLogsRoleArn,
            status: job.status,
            created_at: job.createdAt.getTime(),
            started_at: job.startedAt?.getTime() ?? null,
            completed_at: job.completedAt?.getTime() ?? null,
            imported_users: job.importedUsers,
            skipped_users: job.skippedUsers,
            failed_users: job.failedUsers,
            completion_message: job.completionMessage,
            uploaded_chars: job.uploadedChars,
            processed_rows: job.processedRows,
            heartbeat_at: job.heartbeatAt?.getTime() ?? null,
          })
          .execute(),
      );
    },

    async findImportJob(userPoolId, jobId) {
      const row = await db
        .selectFrom("user_import_jobs")
        .selectAll()
        .where("job_id", "=", jobId)
        .where("user_pool_id", "=", userPoolId)
        .executeTakeFirst();
      return row ? jobFromRow(row) : undefined;
    },

    async listImportJobs(userPoolId, { limit, cursor }) {
      let query = db.selectFrom("user_import_jobs").selectAll().where("user_pool_id", "=", userPoolId);
      if (cursor !== undefined) {
        const before = decodeCursor(cursor);
        query = query.where((eb) =>
          eb.or([
            eb("created_at", "<", before.createdAt),
            eb.and([eb("created_at", "=", before.createdAt), eb("job_id", "<", before.id)]),
          ]),
        );
      }
      const rows = await query
        .orderBy("created_at", "desc")
        .orderBy("job_id", "desc")
        .limit(limit + 1)
        .execute();
      const items = rows.slice(0, limit).map(jobFromRow);
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return last
        ? { items, nextCursor: encodeCursor({ createdAt: Number(last.created_at), id: last.job_id }) }
        : { items };
    },

    async countImportJobs(userPoolId) {
      const row = await db
        .selectFrom("user_import_jobs")
        .select((eb) => eb.fn.countAll<number | string>().as("count"))
        .where("user_pool_id", "=", userPoolId)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async transitionImportJob(jobId, from, to, changes = {}) {
      if (from.length === 0) return false;
      const result = await db
        .updateTable("user_import_jobs")
        .set({
          status: to,
          ...(changes.startedAt ? { started_at: changes.startedAt.getTime() } : {}),
          ...(changes.completedAt ? { completed_at: changes.completedAt.getTime() } : {}),
          ...(changes.completionMessage !== undefined
            ? { completion_message: changes.completionMessage }
            : {}),
          ...(changes.heartbeatAt ? { heartbeat_at: changes.heartbeatAt.getTime() } : {}),
        })
        .where("job_id", "=", jobId)
        .where("status", "in", [...from])
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    recordImportProgress(jobId, progress, log) {
      return inTransaction(async (trx) => {
        for (let start = 0; start < log.length; start += LOG_INSERT_BATCH) {
          await trx
            .insertInto("user_import_job_log")
            .values(
              log.slice(start, start + LOG_INSERT_BATCH).map((entry) => ({
                job_id: jobId,
                line_number: entry.lineNumber,
                outcome: entry.outcome,
                message: entry.message,
                at: entry.at.getTime(),
              })),
            )
            .onConflict((conflict) => conflict.columns(["job_id", "line_number"]).doNothing())
            .execute();
        }
        await trx
          .updateTable("user_import_jobs")
          .set({
            imported_users: progress.importedUsers,
            skipped_users: progress.skippedUsers,
            failed_users: progress.failedUsers,
            processed_rows: progress.processedRows,
            heartbeat_at: progress.at.getTime(),
          })
          .where("job_id", "=", jobId)
          .execute();
      });
    },

    clearUploadedCsv(jobId) {
      return inTransaction(async (trx) => {
        await trx.deleteFrom("user_import_job_csv").where("job_id", "=", jobId).execute();
        await trx
          .updateTable("user_import_jobs")
          .set({ uploaded_chars: 0 })
          .where("job_id", "=", jobId)
          .execute();
      });
    },

    appendUploadedCsv(jobId, seq, text) {
      return inTransaction(async (trx) => {
        await trx.insertInto("user_import_job_csv").values({ job_id: jobId, seq, data: text }).execute();
        await trx
          .updateTable("user_import_jobs")
          .set((eb) => ({ uploaded_chars: eb("uploaded_chars", "+", text.length) }))
          .where("job_id", "=", jobId)
          .execute();
      });
    },

    async readUploadedCsv(jobId, seq) {
      const row = await db
        .selectFrom("user_import_job_csv")
        .select("data")
        .where("job_id", "=", jobId)
        .where("seq", "=", seq)
        .executeTakeFirst();
      return row?.data;
    },

    async listImportLog(jobId, afterLine, limit) {
      const rows = await db
        .selectFrom("user_import_job_log")
        .selectAll()
        .where("job_id", "=", jobId)
        .where("line_number", ">", afterLine)
        .orderBy("line_number")
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        lineNumber: Number(row.line_number),
        outcome: row.outcome as ImportLogOutcome,
        message: row.message,
        at: new Date(Number(row.at)),
      }));
    },
  };
}
