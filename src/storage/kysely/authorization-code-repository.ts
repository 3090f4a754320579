import type { Kysely, Selectable } from "kysely";
import type { StoredAuthorizationCode } from "../../domain/oauth2/authorization-code.js";
import type { AuthorizationCodeRepository } from "../../ports/oauth2-repositories.js";
import type { Database, OAuth2AuthorizationCodesTable } from "./schema.js";

const optionalDate = (value: number | string | null) => (value === null ? null : new Date(Number(value)));

function codeFromRow(row: Selectable<OAuth2AuthorizationCodesTable>): StoredAuthorizationCode {
  return {
    codeHash: row.code_hash,
    userPoolId: row.user_pool_id,
    clientId: row.client_id,
    sub: row.sub,
    redirectUri: row.redirect_uri,
    scopes: row.scopes === "" ? [] : row.scopes.split(" "),
    codeChallenge: row.code_challenge,
    nonce: row.nonce,
    authTime: new Date(Number(row.auth_time)),
    familyId: row.family_id,
    createdAt: new Date(Number(row.created_at)),
    expiresAt: new Date(Number(row.expires_at)),
    consumedAt: optionalDate(row.consumed_at),
    replayedAt: optionalDate(row.replayed_at),
  };
}

export function kyselyAuthorizationCodeRepository(db: Kysely<Database>): AuthorizationCodeRepository {
  return {
    async insertAuthorizationCode(code) {
      await db
        .insertInto("oauth2_authorization_codes")
        .values({
          code_hash: code.codeHash,
          user_pool_id: code.userPoolId,
          client_id: code.clientId,
          sub: code.sub,
          redirect_uri: code.redirectUri,
          scopes: code.scopes.join(" "),
          code_challenge: code.codeChallenge,
          nonce: code.nonce,
          auth_time: code.authTime.getTime(),
          family_id: code.familyId,
          created_at: code.createdAt.getTime(),
          expires_at: code.expiresAt.getTime(),
          consumed_at: code.consumedAt?.getTime() ?? null,
          replayed_at: code.replayedAt?.getTime() ?? null,
        })
        .execute();
    },

    async findAuthorizationCode(codeHash) {
      const row = await db
        .selectFrom("oauth2_authorization_codes")
        .selectAll()
        .where("code_hash", "=", codeHash)
        .executeTakeFirst();
      return row ? codeFromRow(row) : undefined;
    },

    async consumeAuthorizationCode(codeHash, now) {
      // One conditional UPDATE: the row lock (PostgreSQL) or the write lock (SQLite) lets one caller flip it.
      const result = await db
        .updateTable("oauth2_authorization_codes")
        .set({ consumed_at: now.getTime() })
        .where("code_hash", "=", codeHash)
        .where("consumed_at", "is", null)
        .where("expires_at", ">", now.getTime())
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async recordAuthorizationCodeReplay(codeHash, now) {
      const row = await db
        .updateTable("oauth2_authorization_codes")
        .set((eb) => ({ replayed_at: eb.fn.coalesce("replayed_at", eb.val(now.getTime())) }))
        .where("code_hash", "=", codeHash)
        .where("consumed_at", "is not", null)
        .returning("family_id")
        .executeTakeFirst();
      return row?.family_id;
    },

    async wasAuthorizationCodeReplayed(codeHash) {
      const row = await db
        .selectFrom("oauth2_authorization_codes")
        .select("replayed_at")
        .where("code_hash", "=", codeHash)
        .executeTakeFirst();
      return row !== undefined && row.replayed_at !== null;
    },

    async deleteExpiredAuthorizationCodes(before) {
      const result = await db
        .deleteFrom("oauth2_authorization_codes")
        .where("expires_at", "<", before.getTime())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
