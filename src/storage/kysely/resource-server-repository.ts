import type { Kysely, Selectable } from "kysely";
import type { ResourceServer, ResourceServerScope } from "../../domain/oauth2/resource-server.js";
import type { ResourceServerRepository } from "../../ports/oauth2-repositories.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { withWriteErrors } from "./errors.js";
import type { Database, ResourceServersTable } from "./schema.js";

type InTransaction = <T>(work: (trx: Kysely<Database>) => Promise<T>) => Promise<T>;

function serverFromRow(row: Selectable<ResourceServersTable>): ResourceServer {
  return {
    userPoolId: row.user_pool_id,
    identifier: row.identifier,
    name: row.name,
    scopes: JSON.parse(row.scopes_json) as ResourceServerScope[],
    createdAt: new Date(Number(row.created_at)),
    lastModifiedAt: new Date(Number(row.last_modified_at)),
  };
}

export function kyselyResourceServerRepository(
  db: Kysely<Database>,
  options: { dialect: "sqlite" | "postgres"; inTransaction: InTransaction },
): ResourceServerRepository {
  return {
    insertResourceServer(server, maxPerPool) {
      return withWriteErrors(() =>
        options.inTransaction(async (trx) => {
          // Lock the pool row so two concurrent creates cannot both see room for one more (PostgreSQL;
          // SQLite serialises writers anyway).
          let lock = trx.selectFrom("user_pools").select("id").where("id", "=", server.userPoolId);
          if (options.dialect === "postgres") lock = lock.forUpdate();
          await lock.execute();
          const row = await trx
            .selectFrom("resource_servers")
            .select((eb) => eb.fn.countAll<number | string>().as("count"))
            .where("user_pool_id", "=", server.userPoolId)
            .executeTakeFirstOrThrow();
          if (Number(row.count) >= maxPerPool) return "limit-reached" as const;
          await trx
            .insertInto("resource_servers")
            .values({
              user_pool_id: server.userPoolId,
              identifier: server.identifier,
              name: server.name,
              scopes_json: JSON.stringify(server.scopes),
              created_at: server.createdAt.getTime(),
              last_modified_at: server.lastModifiedAt.getTime(),
            })
            .execute();
          return "created" as const;
        }),
      );
    },

    async findResourceServer(userPoolId, identifier) {
      const row = await db
        .selectFrom("resource_servers")
        .selectAll()
        .where("user_pool_id", "=", userPoolId)
        .where("identifier", "=", identifier)
        .executeTakeFirst();
      return row ? serverFromRow(row) : undefined;
    },

    async listResourceServers(userPoolId, { limit, cursor }) {
      let query = db.selectFrom("resource_servers").selectAll().where("user_pool_id", "=", userPoolId);
      if (cursor !== undefined) query = query.where("identifier", ">", decodeCursor(cursor).id);
      const rows = await query
        .orderBy("identifier")
        .limit(limit + 1)
        .execute();
      const items = rows.slice(0, limit).map(serverFromRow);
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return last ? { items, nextCursor: encodeCursor({ createdAt: 0, id: last.identifier }) } : { items };
    },

    async saveResourceServer(server) {
      const result = await db
        .updateTable("resource_servers")
        .set({
          name: server.name,
          scopes_json: JSON.stringify(server.scopes),
          last_modified_at: server.lastModifiedAt.getTime(),
        })
        .where("user_pool_id", "=", server.userPoolId)
        .where("identifier", "=", server.identifier)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async deleteResourceServer(userPoolId, identifier) {
      const result = await db
        .deleteFrom("resource_servers")
        .where("user_pool_id", "=", userPoolId)
        .where("identifier", "=", identifier)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
