import type { Kysely } from "kysely";

// Attribute values waiting for verification (UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate):
// the old verified value stays in force until the new one is verified.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("users").addColumn("pending_attributes_json", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("pending_attributes_json").execute();
}
