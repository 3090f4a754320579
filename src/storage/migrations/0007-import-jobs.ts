import type { Kysely } from "kysely";

// CSV user import jobs (CreateUserImportJob …): the job with its counters, the uploaded CSV as ordered text
// chunks, and the per-job log (one line per CSV row, by line number, no user data).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("user_import_jobs")
    .addColumn("job_id", "text", (column) => column.notNull())
    .addColumn("user_pool_id", "text", (column) => column.notNull())
    .addColumn("job_name", "text", (column) => column.notNull())
    .addColumn("cloudwatch_logs_role_arn", "text", (column) => column.notNull())
    .addColumn("status", "text", (column) => column.notNull())
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addColumn("started_at", "bigint")
    .addColumn("completed_at", "bigint")
    .addColumn("imported_users", "bigint", (column) => column.notNull().defaultTo(0))
    .addColumn("skipped_users", "bigint", (column) => column.notNull().defaultTo(0))
    .addColumn("failed_users", "bigint", (column) => column.notNull().defaultTo(0))
    .addColumn("completion_message", "text")
    .addColumn("uploaded_chars", "bigint", (column) => column.notNull().defaultTo(0))
    .addColumn("processed_rows", "bigint", (column) => column.notNull().defaultTo(0))
    .addColumn("heartbeat_at", "bigint")
    .addPrimaryKeyConstraint("user_import_jobs_pk", ["job_id"])
    .addForeignKeyConstraint(
      "user_import_jobs_pool_fk",
      ["user_pool_id"],
      "user_pools",
      ["id"],
      (constraint) => constraint.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("user_import_jobs_by_pool")
    .on("user_import_jobs")
    .columns(["user_pool_id", "created_at"])
    .execute();

  await db.schema
    .createTable("user_import_job_csv")
    .addColumn("job_id", "text", (column) => column.notNull())
    .addColumn("seq", "integer", (column) => column.notNull())
    .addColumn("data", "text", (column) => column.notNull())
    .addPrimaryKeyConstraint("user_import_job_csv_pk", ["job_id", "seq"])
    .addForeignKeyConstraint(
      "user_import_job_csv_job_fk",
      ["job_id"],
      "user_import_jobs",
      ["job_id"],
      (constraint) => constraint.onDelete("cascade"),
    )
    .execute();

  await db.schema
    .createTable("user_import_job_log")
    .addColumn("job_id", "text", (column) => column.notNull())
    .addColumn("line_number", "bigint", (column) => column.notNull())
    .addColumn("outcome", "text", (column) => column.notNull())
    .addColumn("message", "text", (column) => column.notNull())
    .addColumn("at", "bigint", (column) => column.notNull())
    .addPrimaryKeyConstraint("user_import_job_log_pk", ["job_id", "line_number"])
    .addForeignKeyConstraint(
      "user_import_job_log_job_fk",
      ["job_id"],
      "user_import_jobs",
      ["job_id"],
      (constraint) => constraint.onDelete("cascade"),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("user_import_job_log").execute();
  await db.schema.dropTable("user_import_job_csv").execute();
  await db.schema.dropTable("user_import_jobs").execute();
}
