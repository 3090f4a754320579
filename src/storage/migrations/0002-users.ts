import { type Kysely, sql } from "kysely";

// Users, their sign-in aliases and the failure streak used by lockout.
// Searchable attributes get their own columns (ListUsers filters stay index lookups at a million users);
// on PostgreSQL those columns use the "C" collation so prefix ranges compare bytes, as SQLite does.

const SEARCHABLE = [
  "email",
  "phone_number",
  "name",
  "given_name",
  "family_name",
  "preferred_username",
] as const;

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter.constructor.name === "PostgresAdapter";
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const collateBytes = isPostgres(db) ? sql`collate "C"` : sql``;
  let users = db.schema
    .createTable("users")
    .addColumn("sub", "text", (column) => column.notNull())
    .addColumn("user_pool_id", "text", (column) => column.notNull())
    .addColumn("username", "text", (column) => column.notNull())
    .addColumn("username_key", "text", (column) => column.notNull().modifyFront(collateBytes))
    .addColumn("status", "text", (column) => column.notNull())
    .addColumn("enabled", "integer", (column) => column.notNull())
    .addColumn("attributes_json", "text", (column) => column.notNull());
  for (const name of SEARCHABLE)
    users = users.addColumn(name, "text", (column) => column.modifyFront(collateBytes));
  await users
    .addColumn("password_hash", "text")
    .addColumn("srp_salt", "text")
    .addColumn("srp_verifier_sealed", "text")
    .addColumn("password_changed_at", "bigint")
    .addColumn("password_history_json", "text", (column) => column.notNull())
    .addColumn("temporary_password_expires_at", "bigint")
    .addColumn("tokens_revoked_at", "bigint")
    .addColumn("failed_sign_ins", "integer", (column) => column.notNull().defaultTo(0))
    .addColumn("last_failed_sign_in_at", "bigint")
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addColumn("last_modified_at", "bigint", (column) => column.notNull())
    .addPrimaryKeyConstraint("users_pk", ["sub"])
    .addUniqueConstraint("users_username_uq", ["user_pool_id", "username_key"])
    .addForeignKeyConstraint("users_pool_fk", ["user_pool_id"], "user_pools", ["id"], (constraint) =>
      constraint.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("users_by_creation")
    .on("users")
    .columns(["user_pool_id", "created_at", "sub"])
    .execute();
  await db.schema.createIndex("users_by_status").on("users").columns(["user_pool_id", "status"]).execute();
  for (const name of SEARCHABLE) {
    await db.schema.createIndex(`users_by_${name}`).on("users").columns(["user_pool_id", name]).execute();
  }

  await db.schema
    .createTable("user_aliases")
    .addColumn("user_pool_id", "text", (column) => column.notNull())
    .addColumn("kind", "text", (column) => column.notNull())
    .addColumn("value", "text", (column) => column.notNull().modifyFront(collateBytes))
    .addColumn("sub", "text", (column) => column.notNull())
    .addPrimaryKeyConstraint("user_aliases_uq", ["user_pool_id", "kind", "value"])
    .addForeignKeyConstraint("user_aliases_user_fk", ["sub"], "users", ["sub"], (constraint) =>
      constraint.onDelete("cascade"),
    )
    .execute();
  await db.schema.createIndex("user_aliases_by_user").on("user_aliases").columns(["sub"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("user_aliases").execute();
  await db.schema.dropTable("users").execute();
}
