import type { Kysely } from "kysely";

// Groups and memberships, one-time codes (hashes only), refresh-token families and tokens (hashes only),
// and per-pool signing keys (private halves sealed with the master key).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("groups")
    .addColumn("user_pool_id", "text", (column) => column.notNull())
    .addColumn("group_name", "text", (column) => column.notNull())
    .addColumn("description", "text")
    .addColumn("role_arn", "text")
    .addColumn("precedence", "bigint")
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addColumn("last_modified_at", "bigint", (column) => column.notNull())
    .addPrimaryKeyConstraint("groups_pk", ["user_pool_id", "group_name"])
    .addForeignKeyConstraint("groups_pool_fk", ["user_pool_id"], "user_pools", ["id"], (constraint) =>
      constraint.onDelete("cascade"),
    )
    .execute();

  await db.schema
    .createTable("group_members")
    .addColumn("user_pool_id", "text", (column) => column.notNull())
    .addColumn("group_name", "text", (column) => column.notNull())
    .addColumn("sub", "text", (column) => column.notNull())
    .addColumn("added_at", "bigint", (column) => column.notNull())
    .addPrimaryKeyConstraint("group_members_pk", ["user_pool_id", "group_name", "sub"])
    .addForeignKeyConstraint(
      "group_members_group_fk",
      ["user_pool_id", "group_name"],
      "groups",
      ["user_pool_id", "group_name"],
      (constraint) => constraint.onDelete("cascade"),
    )
    .addForeignKeyConstraint("group_members_user_fk", ["sub"], "users", ["sub"], (constraint) =>
      constraint.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("group_members_by_user")
    .on("group_members")
    .columns(["sub", "group_name"])
    .execute();

  await db.schema
    .createTable("one_time_codes")
    .addColumn("user_pool_id", "text", (column) => column.notNull())
    .addColumn("sub", "text", (column) => column.notNull())
    .addColumn("purpose", "text", (column) => column.notNull())
    .addColumn("code_hash", "text", (column) => column.notNull())
    .addColumn("attempts", "integer", (column) => column.notNull().defaultTo(0))
    .addColumn("expires_at", "bigint", (column) => column.notNull())
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addPrimaryKeyConstraint("one_time_codes_pk", ["user_pool_id", "sub", "purpose"])
    .addForeignKeyConstraint("one_time_codes_user_fk", ["sub"], "users", ["sub"], (constraint) =>
      constraint.onDelete("cascade"),
    )
    .execute();

  await db.schema
    .createTable("refresh_token_families")
    .addColumn("family_id", "text", (column) => column.notNull())
    .addColumn("user_pool_id", "text", (column) => column.notNull())
    .addColumn("client_id", "text", (column) => column.notNull())
    .addColumn("sub", "text", (column) => column.notNull())
    .addColumn("revoked_at", "bigint")
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addPrimaryKeyConstraint("refresh_token_families_pk", ["family_id"])
    .addForeignKeyConstraint("refresh_token_families_user_fk", ["sub"], "users", ["sub"], (constraint) =>
      constraint.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("refresh_token_families_by_user")
    .on("refresh_token_families")
    .columns(["user_pool_id", "sub"])
    .execute();

  await db.schema
    .createTable("refresh_tokens")
    .addColumn("token_hash", "text", (column) => column.notNull())
    .addColumn("family_id", "text", (column) => column.notNull())
    .addColumn("user_pool_id", "text", (column) => column.notNull())
    .addColumn("client_id", "text", (column) => column.notNull())
    .addColumn("sub", "text", (column) => column.notNull())
    .addColumn("scopes", "text", (column) => column.notNull())
    .addColumn("device_key", "text")
    .addColumn("auth_time", "bigint", (column) => column.notNull())
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addColumn("expires_at", "bigint", (column) => column.notNull())
    .addColumn("rotated_at", "bigint")
    .addPrimaryKeyConstraint("refresh_tokens_pk", ["token_hash"])
    .addForeignKeyConstraint(
      "refresh_tokens_family_fk",
      ["family_id"],
      "refresh_token_families",
      ["family_id"],
      (c) => c.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("refresh_tokens_by_family")
    .on("refresh_tokens")
    .columns(["family_id"])
    .execute();

  await db.schema
    .createTable("signing_keys")
    .addColumn("kid", "text", (column) => column.notNull())
    .addColumn("user_pool_id", "text", (column) => column.notNull())
    .addColumn("key_use", "text", (column) => column.notNull())
    .addColumn("algorithm", "text", (column) => column.notNull())
    .addColumn("private_key_sealed", "text", (column) => column.notNull())
    .addColumn("public_jwk_json", "text", (column) => column.notNull())
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addColumn("retired_at", "bigint")
    .addColumn("expires_at", "bigint")
    .addPrimaryKeyConstraint("signing_keys_pk", ["kid"])
    .addForeignKeyConstraint("signing_keys_pool_fk", ["user_pool_id"], "user_pools", ["id"], (constraint) =>
      constraint.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("signing_keys_by_pool")
    .on("signing_keys")
    .columns(["user_pool_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "signing_keys",
    "refresh_tokens",
    "refresh_token_families",
    "one_time_codes",
    "group_members",
    "groups",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
