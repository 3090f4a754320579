import type { Kysely } from "kysely";

// Portable across SQLite and PostgreSQL: text ids, bigint epoch-millisecond timestamps, JSON as text.
// Named constraints so errors and the schema read the same on both engines.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("user_pools")
    .addColumn("id", "text", (column) => column.notNull())
    .addColumn("name", "text", (column) => column.notNull())
    .addColumn("settings_json", "text", (column) => column.notNull())
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addColumn("last_modified_at", "bigint", (column) => column.notNull())
    .addPrimaryKeyConstraint("user_pools_pk", ["id"])
    .execute();
  await db.schema
    .createIndex("user_pools_by_creation")
    .on("user_pools")
    .columns(["created_at", "id"])
    .execute();

  await db.schema
    .createTable("user_pool_clients")
    .addColumn("client_id", "text", (column) => column.notNull())
    .addColumn("user_pool_id", "text", (column) => column.notNull())
    .addColumn("client_name", "text", (column) => column.notNull())
    .addColumn("settings_json", "text", (column) => column.notNull())
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addColumn("last_modified_at", "bigint", (column) => column.notNull())
    .addPrimaryKeyConstraint("user_pool_clients_pk", ["client_id"])
    .addForeignKeyConstraint(
      "user_pool_clients_pool_fk",
      ["user_pool_id"],
      "user_pools",
      ["id"],
      (constraint) => constraint.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("user_pool_clients_by_pool")
    .on("user_pool_clients")
    .columns(["user_pool_id", "created_at", "client_id"])
    .execute();

  await db.schema
    .createTable("user_pool_client_secrets")
    .addColumn("secret_id", "text", (column) => column.notNull())
    .addColumn("client_id", "text", (column) => column.notNull())
    .addColumn("sealed_value", "text", (column) => column.notNull())
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addPrimaryKeyConstraint("user_pool_client_secrets_pk", ["secret_id"])
    .addForeignKeyConstraint(
      "user_pool_client_secrets_client_fk",
      ["client_id"],
      "user_pool_clients",
      ["client_id"],
      (constraint) => constraint.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("user_pool_client_secrets_by_client")
    .on("user_pool_client_secrets")
    .columns(["client_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("user_pool_client_secrets").execute();
  await db.schema.dropTable("user_pool_clients").execute();
  await db.schema.dropTable("user_pools").execute();
}
