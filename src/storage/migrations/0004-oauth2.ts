import type { Kysely } from "kysely";

// The OAuth 2.0 provider: authorization codes (hashes only; single use, with the refresh-token family
// their redemption creates, so a replay can revoke it), resource servers with their custom scopes, and
// user pool domains (unique across the deployment; at most one prefix and one custom domain per pool).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("oauth2_authorization_codes")
    .addColumn("code_hash", "text", (column) => column.notNull())
    .addColumn("user_pool_id", "text", (column) => column.notNull())
    .addColumn("client_id", "text", (column) => column.notNull())
    .addColumn("sub", "text", (column) => column.notNull())
    .addColumn("redirect_uri", "text", (column) => column.notNull())
    .addColumn("scopes", "text", (column) => column.notNull())
    .addColumn("code_challenge", "text")
    .addColumn("nonce", "text")
    .addColumn("auth_time", "bigint", (column) => column.notNull())
    .addColumn("family_id", "text", (column) => column.notNull())
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addColumn("expires_at", "bigint", (column) => column.notNull())
    .addColumn("consumed_at", "bigint")
    .addColumn("replayed_at", "bigint")
    .addPrimaryKeyConstraint("oauth2_authorization_codes_pk", ["code_hash"])
    .addForeignKeyConstraint("oauth2_authorization_codes_user_fk", ["sub"], "users", ["sub"], (constraint) =>
      constraint.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("oauth2_authorization_codes_by_expiry")
    .on("oauth2_authorization_codes")
    .columns(["expires_at"])
    .execute();

  await db.schema
    .createTable("resource_servers")
    .addColumn("user_pool_id", "text", (column) => column.notNull())
    .addColumn("identifier", "text", (column) => column.notNull())
    .addColumn("name", "text", (column) => column.notNull())
    .addColumn("scopes_json", "text", (column) => column.notNull())
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addColumn("last_modified_at", "bigint", (column) => column.notNull())
    .addPrimaryKeyConstraint("resource_servers_pk", ["user_pool_id", "identifier"])
    .addForeignKeyConstraint(
      "resource_servers_pool_fk",
      ["user_pool_id"],
      "user_pools",
      ["id"],
      (constraint) => constraint.onDelete("cascade"),
    )
    .execute();

  await db.schema
    .createTable("user_pool_domains")
    .addColumn("domain", "text", (column) => column.notNull())
    .addColumn("user_pool_id", "text", (column) => column.notNull())
    .addColumn("kind", "text", (column) => column.notNull())
    .addColumn("managed_login_version", "integer", (column) => column.notNull())
    .addColumn("custom_domain_config_json", "text")
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addColumn("last_modified_at", "bigint", (column) => column.notNull())
    .addPrimaryKeyConstraint("user_pool_domains_pk", ["domain"])
    .addUniqueConstraint("user_pool_domains_one_per_kind", ["user_pool_id", "kind"])
    .addForeignKeyConstraint(
      "user_pool_domains_pool_fk",
      ["user_pool_id"],
      "user_pools",
      ["id"],
      (constraint) => constraint.onDelete("cascade"),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["user_pool_domains", "resource_servers", "oauth2_authorization_codes"]) {
    await db.schema.dropTable(table).execute();
  }
}
