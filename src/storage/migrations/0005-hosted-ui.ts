import type { Kysely } from "kysely";

// The hosted UI's single sign-on sessions (hash of the cookie value only) and the classic UI customization
// (CSS and logo per pool, "ALL", or per app client).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("hosted_ui_sessions")
    .addColumn("id_hash", "text", (column) => column.notNull())
    .addColumn("user_pool_id", "text", (column) => column.notNull())
    .addColumn("sub", "text", (column) => column.notNull())
    .addColumn("auth_time", "bigint", (column) => column.notNull())
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addColumn("expires_at", "bigint", (column) => column.notNull())
    .addPrimaryKeyConstraint("hosted_ui_sessions_pk", ["id_hash"])
    .addForeignKeyConstraint("hosted_ui_sessions_user_fk", ["sub"], "users", ["sub"], (constraint) =>
      constraint.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("hosted_ui_sessions_by_expiry")
    .on("hosted_ui_sessions")
    .columns(["expires_at"])
    .execute();

  await db.schema
    .createTable("ui_customizations")
    .addColumn("user_pool_id", "text", (column) => column.notNull())
    .addColumn("client_key", "text", (column) => column.notNull())
    .addColumn("css", "text")
    .addColumn("image_base64", "text")
    .addColumn("image_type", "text")
    .addColumn("version", "text", (column) => column.notNull())
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addColumn("last_modified_at", "bigint", (column) => column.notNull())
    .addPrimaryKeyConstraint("ui_customizations_pk", ["user_pool_id", "client_key"])
    .addForeignKeyConstraint(
      "ui_customizations_pool_fk",
      ["user_pool_id"],
      "user_pools",
      ["id"],
      (constraint) => constraint.onDelete("cascade"),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("ui_customizations").execute();
  await db.schema.dropTable("hosted_ui_sessions").execute();
}
