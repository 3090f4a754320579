import type { Kysely } from "kysely";
import type {
  SsoSession,
  SsoSessionRepository,
  UiCustomization,
  UiCustomizationRepository,
} from "../../ports/hosted-ui-repositories.js";
import type { Database, HostedUiSessionsTable, UiCustomizationsTable } from "./schema.js";

function toSsoSession(row: HostedUiSessionsTable): SsoSession {
  return {
    idHash: row.id_hash,
    userPoolId: row.user_pool_id,
    sub: row.sub,
    authTime: new Date(Number(row.auth_time)),
    createdAt: new Date(Number(row.created_at)),
    expiresAt: new Date(Number(row.expires_at)),
  };
}

export function kyselySsoSessionRepository(db: Kysely<Database>): SsoSessionRepository {
  return {
    async insertSsoSession(session) {
      await db
        .insertInto("hosted_ui_sessions")
        .values({
          id_hash: session.idHash,
          user_pool_id: session.userPoolId,
          sub: session.sub,
          auth_time: session.authTime.getTime(),
          created_at: session.createdAt.getTime(),
          expires_at: session.expiresAt.getTime(),
        })
        .execute();
    },

    async findSsoSession(idHash, now) {
      const row = await db
        .selectFrom("hosted_ui_sessions")
        .selectAll()
        .where("id_hash", "=", idHash)
        .where("expires_at", ">", now.getTime())
        .executeTakeFirst();
      return row ? toSsoSession(row) : undefined;
    },

    async deleteSsoSession(idHash) {
      await db.deleteFrom("hosted_ui_sessions").where("id_hash", "=", idHash).execute();
    },

    async deleteExpiredSsoSessions(now) {
      const result = await db
        .deleteFrom("hosted_ui_sessions")
        .where("expires_at", "<=", now.getTime())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

function toUiCustomization(row: UiCustomizationsTable): UiCustomization {
  return {
    userPoolId: row.user_pool_id,
    clientKey: row.client_key,
    css: row.css,
    imageBase64: row.image_base64,
    imageType: row.image_type,
    version: row.version,
    createdAt: new Date(Number(row.created_at)),
    lastModifiedAt: new Date(Number(row.last_modified_at)),
  };
}

export function kyselyUiCustomizationRepository(db: Kysely<Database>): UiCustomizationRepository {
  return {
    async saveUiCustomization(customization) {
      const values = {
        user_pool_id: customization.userPoolId,
        client_key: customization.clientKey,
        css: customization.css,
        image_base64: customization.imageBase64,
        image_type: customization.imageType,
        version: customization.version,
        created_at: customization.createdAt.getTime(),
        last_modified_at: customization.lastModifiedAt.getTime(),
      };
      await db
        .insertInto("ui_customizations")
        .values(values)
        .onConflict((conflict) =>
          conflict.columns(["user_pool_id", "client_key"]).doUpdateSet({
            css: values.css,
            image_base64: values.image_base64,
            image_type: values.image_type,
            version: values.version,
            last_modified_at: values.last_modified_at,
          }),
        )
        .execute();
    },

    async findUiCustomization(userPoolId, clientKey) {
      const row = await db
        .selectFrom("ui_customizations")
        .selectAll()
        .where("user_pool_id", "=", userPoolId)
        .where("client_key", "=", clientKey)
        .executeTakeFirst();
      return row ? toUiCustomization(row) : undefined;
    },
  };
}
