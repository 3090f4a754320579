import type { Kysely } from "kysely";
import type { OneTimeCodeRepository } from "../../ports/session-repositories.js";
import type { Database } from "./schema.js";

export function kyselyOneTimeCodeRepository(db: Kysely<Database>): OneTimeCodeRepository {
  const deleteCodes = async (userPoolId: string, sub: string, purpose?: string) => {
    let query = db.deleteFrom("one_time_codes").where("user_pool_id", "=", userPoolId).where("sub", "=", sub);
    if (purpose !== undefined) query = query.where("purpose", "=", purpose);
    await query.execute();
  };
  return {
    async saveCode(code) {
      const values = {
        user_pool_id: code.userPoolId,
        sub: code.sub,
        purpose: code.purpose,
        code_hash: code.codeHash,
        attempts: 0,
        expires_at: code.expiresAt.getTime(),
        created_at: code.createdAt.getTime(),
      };
      await db
        .insertInto("one_time_codes")
        .values(values)
        .onConflict((conflict) =>
          conflict.columns(["user_pool_id", "sub", "purpose"]).doUpdateSet({
            code_hash: values.code_hash,
            attempts: 0,
            expires_at: values.expires_at,
            created_at: values.created_at,
          }),
        )
        .execute();
    },

    async consumeCode({ userPoolId, sub, purpose, codeHash, now, maxAttempts }) {
      const nowMs = now.getTime();
      // The winning path is a single DELETE … RETURNING, so exactly one concurrent caller consumes the code.
      const consumed = await db
        .deleteFrom("one_time_codes")
        .where("user_pool_id", "=", userPoolId)
        .where("sub", "=", sub)
        .where("purpose", "=", purpose)
        .where("code_hash", "=", codeHash)
        .where("expires_at", ">", nowMs)
        .where("attempts", "<", maxAttempts)
        .returning("sub")
        .executeTakeFirst();
      if (consumed) return "consumed";

      const counted = await db
        .updateTable("one_time_codes")
        .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
        .where("user_pool_id", "=", userPoolId)
        .where("sub", "=", sub)
        .where("purpose", "=", purpose)
        .where("code_hash", "!=", codeHash)
        .where("expires_at", ">", nowMs)
        .returning("attempts")
        .executeTakeFirst();
      if (counted) {
        if (Number(counted.attempts) < maxAttempts) return "mismatch";
        await deleteCodes(userPoolId, sub, purpose);
        return "too-many-attempts";
      }

      const remaining = await db
        .selectFrom("one_time_codes")
        .select(["expires_at", "attempts"])
        .where("user_pool_id", "=", userPoolId)
        .where("sub", "=", sub)
        .where("purpose", "=", purpose)
        .executeTakeFirst();
      if (!remaining) return "missing";
      if (Number(remaining.expires_at) <= nowMs) return "expired";
      return "too-many-attempts";
    },

    deleteCodes,
  };
}
