import type { Kysely } from "kysely";
import type { SigningKeyUse } from "../../domain/tokens/signing-key.js";
import type { SigningKeyRepository } from "../../ports/session-repositories.js";
import type { Database } from "./schema.js";

export function kyselySigningKeyRepository(db: Kysely<Database>): SigningKeyRepository {
  return {
    async insertSigningKey(key) {
      await db
        .insertInto("signing_keys")
        .values({
          kid: key.kid,
          user_pool_id: key.userPoolId,
          key_use: key.use,
          algorithm: key.algorithm,
          private_key_sealed: key.privateKeySealed,
          public_jwk_json: JSON.stringify(key.publicJwk),
          created_at: key.createdAt.getTime(),
          retired_at: key.retiredAt?.getTime() ?? null,
          expires_at: key.expiresAt?.getTime() ?? null,
        })
        .execute();
    },

    async listSigningKeys(userPoolId, now) {
      const rows = await db
        .selectFrom("signing_keys")
        .selectAll()
        .where("user_pool_id", "=", userPoolId)
        .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now.getTime())]))
        .orderBy("created_at", "desc")
        .orderBy("kid")
        .execute();
      return rows.map((row) => ({
        kid: row.kid,
        userPoolId: row.user_pool_id,
        use: row.key_use as SigningKeyUse,
        algorithm: "RS256" as const,
        privateKeySealed: row.private_key_sealed,
        publicJwk: JSON.parse(row.public_jwk_json) as Record<string, string>,
        createdAt: new Date(Number(row.created_at)),
        retiredAt: row.retired_at === null ? null : new Date(Number(row.retired_at)),
        expiresAt: row.expires_at === null ? null : new Date(Number(row.expires_at)),
      }));
    },

    async retireSigningKey(kid, retiredAt, expiresAt) {
      await db
        .updateTable("signing_keys")
        .set({ retired_at: retiredAt.getTime(), expires_at: expiresAt.getTime() })
        .where("kid", "=", kid)
        .where("retired_at", "is", null)
        .execute();
    },
  };
}
