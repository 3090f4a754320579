import type { Kysely } from "kysely";

// The audit log: one row per audited event (today each trigger invocation), newest read first. Rows carry
// what happened and how it ended, never an event payload, code or secret. No foreign key to the pool: the
// record of what happened outlives the pool it happened in.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("audit_events")
    .addColumn("id", "text", (column) => column.notNull())
    .addColumn("at", "bigint", (column) => column.notNull())
    .addColumn("user_pool_id", "text")
    .addColumn("kind", "text", (column) => column.notNull())
    .addColumn("name", "text", (column) => column.notNull())
    .addColumn("source", "text")
    .addColumn("target", "text")
    .addColumn("outcome", "text", (column) => column.notNull())
    .addColumn("duration_ms", "integer")
    .addColumn("error", "text")
    .addPrimaryKeyConstraint("audit_events_pk", ["id"])
    .execute();
  await db.schema.createIndex("audit_events_by_time").on("audit_events").columns(["at"]).execute();
  await db.schema
    .createIndex("audit_events_by_pool")
    .on("audit_events")
    .columns(["user_pool_id", "at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("audit_events").execute();
}
