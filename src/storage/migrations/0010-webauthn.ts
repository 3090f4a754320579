import type { Kysely } from "kysely";

// Passkeys (WebAuthn credentials) of users, and the single-use challenges of passkey registration and
// sign-in (stored as keyed hashes, bound to the user and app client).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("webauthn_credentials")
    .addColumn("user_pool_id", "text", (column) => column.notNull())
    .addColumn("credential_id", "text", (column) => column.notNull())
    .addColumn("sub", "text", (column) => column.notNull())
    .addColumn("public_key", "text", (column) => column.notNull())
    .addColumn("sign_count", "bigint", (column) => column.notNull().defaultTo(0))
    .addColumn("transports_json", "text", (column) => column.notNull())
    .addColumn("friendly_name", "text")
    .addColumn("relying_party_id", "text", (column) => column.notNull())
    .addColumn("authenticator_attachment", "text")
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addPrimaryKeyConstraint("webauthn_credentials_pk", ["user_pool_id", "credential_id"])
    .addForeignKeyConstraint("webauthn_credentials_user_fk", ["sub"], "users", ["sub"], (constraint) =>
      constraint.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("webauthn_credentials_by_user")
    .on("webauthn_credentials")
    .columns(["sub", "created_at", "credential_id"])
    .execute();

  await db.schema
    .createTable("webauthn_challenges")
    .addColumn("challenge_hash", "text", (column) => column.notNull())
    .addColumn("user_pool_id", "text", (column) => column.notNull())
    .addColumn("sub", "text", (column) => column.notNull())
    .addColumn("client_id", "text", (column) => column.notNull())
    .addColumn("purpose", "text", (column) => column.notNull())
    .addColumn("expires_at", "bigint", (column) => column.notNull())
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addPrimaryKeyConstraint("webauthn_challenges_pk", ["challenge_hash"])
    .addForeignKeyConstraint("webauthn_challenges_user_fk", ["sub"], "users", ["sub"], (constraint) =>
      constraint.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("webauthn_challenges_by_user")
    .on("webauthn_challenges")
    .columns(["sub", "expires_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("webauthn_challenges").execute();
  await db.schema.dropTable("webauthn_credentials").execute();
}
