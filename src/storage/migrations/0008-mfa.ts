import type { Kysely } from "kysely";

// Per-user MFA state: the TOTP secret (sealed), a pending secret from AssociateSoftwareToken, the last
// accepted TOTP time-step (a code is accepted at most once), which factors are enabled and preferred;
// hashed recovery codes; and the wrong-code count of each MFA challenge (its Session), which ends it.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("user_mfa")
    .addColumn("sub", "text", (column) => column.notNull())
    .addColumn("user_pool_id", "text", (column) => column.notNull())
    .addColumn("totp_secret_sealed", "text")
    .addColumn("totp_pending_secret_sealed", "text")
    .addColumn("totp_device_name", "text")
    .addColumn("totp_last_step", "bigint")
    .addColumn("sms_enabled", "integer", (column) => column.notNull().defaultTo(0))
    .addColumn("totp_enabled", "integer", (column) => column.notNull().defaultTo(0))
    .addColumn("email_enabled", "integer", (column) => column.notNull().defaultTo(0))
    .addColumn("preferred", "text")
    .addColumn("updated_at", "bigint", (column) => column.notNull())
    .addPrimaryKeyConstraint("user_mfa_pk", ["sub"])
    .addForeignKeyConstraint("user_mfa_user_fk", ["sub"], "users", ["sub"], (constraint) =>
      constraint.onDelete("cascade"),
    )
    .execute();
  await db.schema.createIndex("user_mfa_by_pool").on("user_mfa").columns(["user_pool_id"]).execute();

  await db.schema
    .createTable("mfa_recovery_codes")
    .addColumn("sub", "text", (column) => column.notNull())
    .addColumn("code_hash", "text", (column) => column.notNull())
    .addColumn("user_pool_id", "text", (column) => column.notNull())
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addPrimaryKeyConstraint("mfa_recovery_codes_pk", ["sub", "code_hash"])
    .addForeignKeyConstraint("mfa_recovery_codes_user_fk", ["sub"], "users", ["sub"], (constraint) =>
      constraint.onDelete("cascade"),
    )
    .execute();

  await db.schema
    .createTable("mfa_challenge_attempts")
    .addColumn("challenge_id", "text", (column) => column.notNull())
    .addColumn("sub", "text", (column) => column.notNull())
    .addColumn("failures", "integer", (column) => column.notNull().defaultTo(0))
    .addColumn("closed", "integer", (column) => column.notNull().defaultTo(0))
    .addColumn("expires_at", "bigint", (column) => column.notNull())
    .addPrimaryKeyConstraint("mfa_challenge_attempts_pk", ["challenge_id"])
    .addForeignKeyConstraint("mfa_challenge_attempts_user_fk", ["sub"], "users", ["sub"], (constraint) =>
      constraint.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("mfa_challenge_attempts_by_user")
    .on("mfa_challenge_attempts")
    .columns(["sub", "expires_at"])
    .execute();
  await db.schema
    .createIndex("mfa_challenge_attempts_by_expiry")
    .on("mfa_challenge_attempts")
    .columns(["expires_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["mfa_challenge_attempts", "mfa_recovery_codes", "user_mfa"]) {
    await db.schema.dropTable(table).execute();
  }
}
