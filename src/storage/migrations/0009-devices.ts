import type { Kysely } from "kysely";

// Remembered devices (ConfirmDevice and the device SRP challenges): one row per confirmed device key,
// owned by one user, with the device SRP verifier sealed with the master key.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("devices")
    .addColumn("device_key", "text", (column) => column.notNull())
    .addColumn("user_pool_id", "text", (column) => column.notNull())
    .addColumn("sub", "text", (column) => column.notNull())
    .addColumn("device_group_key", "text", (column) => column.notNull())
    .addColumn("salt_hex", "text", (column) => column.notNull())
    .addColumn("verifier_sealed", "text", (column) => column.notNull())
    .addColumn("device_name", "text")
    .addColumn("remembered", "integer", (column) => column.notNull())
    .addColumn("last_ip", "text")
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addColumn("last_modified_at", "bigint", (column) => column.notNull())
    .addColumn("last_authenticated_at", "bigint")
    .addPrimaryKeyConstraint("devices_pk", ["device_key"])
    .addForeignKeyConstraint("devices_user_fk", ["sub"], "users", ["sub"], (constraint) =>
      constraint.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("devices_by_user")
    .on("devices")
    .columns(["user_pool_id", "sub", "created_at", "device_key"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("devices").execute();
}
