import type { Kysely } from "kysely";
import type { UserPool, UserPoolSettings } from "../../domain/user-pool/user-pool.js";
import type { UserPoolRepository } from "../../ports/storage.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { withWriteErrors } from "./errors.js";
import type { Database, UserPoolsTable } from "./schema.js";

function toUserPool(row: UserPoolsTable): UserPool {
  return {
    id: row.id,
    settings: JSON.parse(row.settings_json) as UserPoolSettings,
    createdAt: new Date(Number(row.created_at)),
    lastModifiedAt: new Date(Number(row.last_modified_at)),
  };
}

export function kyselyUserPoolRepository(db: Kysely<Database>): UserPoolRepository {
  return {
    async insertUserPool(pool) {
      await withWriteErrors(() =>
        db
          .insertInto("user_pools")
          .values({
            id: pool.id,
            name: pool.settings.PoolName,
            settings_json: JSON.stringify(pool.settings),
            created_at: pool.createdAt.getTime(),
            last_modified_at: pool.lastModifiedAt.getTime(),
          })
          .execute(),
      );
    },

    async findUserPool(userPoolId) {
      const row = await db
        .selectFrom("user_pools")
        .selectAll()
        .where("id", "=", userPoolId)
        .executeTakeFirst();
      return row ? toUserPool(row) : undefined;
    },

    async listUserPools({ limit, cursor }) {
      let query = db.selectFrom("user_pools").selectAll();
      if (cursor !== undefined) {
        const after = decodeCursor(cursor);
        // A row-value comparison, so both engines walk the (…, created_at, id) index instead of scanning.
        query = query.where((eb) =>
          eb(eb.refTuple("created_at", "id"), ">", eb.tuple(after.createdAt, after.id)),
        );
      }
      const rows = await query
        .orderBy("created_at")
        .orderBy("id")
        .limit(limit + 1)
        .execute();
      const items = rows.slice(0, limit).map(toUserPool);
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return last
        ? { items, nextCursor: encodeCursor({ createdAt: Number(last.created_at), id: last.id }) }
        : { items };
    },

    async replaceUserPoolSettings(userPoolId, settings, lastModifiedAt) {
      const result = await db
        .updateTable("user_pools")
        .set({
          name: settings.PoolName,
          settings_json: JSON.stringify(settings),
          last_modified_at: lastModifiedAt.getTime(),
        })
        .where("id", "=", userPoolId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async deleteUserPool(userPoolId) {
      const result = await db.deleteFrom("user_pools").where("id", "=", userPoolId).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async countUserPools() {
      const row = await db
        .selectFrom("user_pools")
        .select((eb) => eb.fn.countAll<number | string>().as("count"))
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
  };
}
