import type { Kysely, Transaction } from "kysely";
import type {
  StoredClientSecret,
  UserPoolClient,
  UserPoolClientSettings,
} from "../../domain/user-pool-client/user-pool-client.js";
import type { UserPoolClientRepository } from "../../ports/storage.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { withWriteErrors } from "./errors.js";
import type { Database, UserPoolClientSecretsTable, UserPoolClientsTable } from "./schema.js";

function toClient(row: UserPoolClientsTable): UserPoolClient {
  return {
    clientId: row.client_id,
    userPoolId: row.user_pool_id,
    settings: JSON.parse(row.settings_json) as UserPoolClientSettings,
    createdAt: new Date(Number(row.created_at)),
    lastModifiedAt: new Date(Number(row.last_modified_at)),
  };
}

function toSecret(row: UserPoolClientSecretsTable): StoredClientSecret {
  return {
    secretId: row.secret_id,
    clientId: row.client_id,
    sealedValue: row.sealed_value,
    createdAt: new Date(Number(row.created_at)),
  };
}

function secretRow(secret: StoredClientSecret): UserPoolClientSecretsTable {
  return {
    secret_id: secret.secretId,
    client_id: secret.clientId,
    sealed_value: secret.sealedValue,
    created_at: secret.createdAt.getTime(),
  };
}

/**
 * `inTransaction` runs work atomically: the repository's own multi-statement writes use it, so they stay
 * atomic whether or not the caller already opened a transaction.
 */
export function kyselyUserPoolClientRepository(
  db: Kysely<Database>,
  options: {
    dialect: "sqlite" | "postgres";
    inTransaction<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  },
): UserPoolClientRepository {
  return {
    async insertClient(client, initialSecret) {
      await withWriteErrors(() =>
        options.inTransaction(async (trx) => {
          await trx
            .insertInto("user_pool_clients")
            .values({
              client_id: client.clientId,
              user_pool_id: client.userPoolId,
              client_name: client.settings.ClientName,
              settings_json: JSON.stringify(client.settings),
              created_at: client.createdAt.getTime(),
              last_modified_at: client.lastModifiedAt.getTime(),
            })
            .execute();
          if (initialSecret)
            await trx.insertInto("user_pool_client_secrets").values(secretRow(initialSecret)).execute();
        }),
      );
    },

    async findClient(userPoolId, clientId) {
      const row = await db
        .selectFrom("user_pool_clients")
        .selectAll()
        .where("client_id", "=", clientId)
        .where("user_pool_id", "=", userPoolId)
        .executeTakeFirst();
      return row ? toClient(row) : undefined;
    },

    async findClientById(clientId) {
      const row = await db
        .selectFrom("user_pool_clients")
        .selectAll()
        .where("client_id", "=", clientId)
        .executeTakeFirst();
      return row ? toClient(row) : undefined;
    },

    async listClients(userPoolId, { limit, cursor }) {
      let query = db.selectFrom("user_pool_clients").selectAll().where("user_pool_id", "=", userPoolId);
      if (cursor !== undefined) {
        const after = decodeCursor(cursor);
        // A row-value comparison, so both engines walk the (…, created_at, id) index instead of scanning.
        query = query.where((eb) =>
          eb(eb.refTuple("created_at", "client_id"), ">", eb.tuple(after.createdAt, after.id)),
        );
      }
      const rows = await query
        .orderBy("created_at")
        .orderBy("client_id")
        .limit(limit + 1)
        .execute();
      const items = rows.slice(0, limit).map(toClient);
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return last
        ? { items, nextCursor: encodeCursor({ createdAt: Number(last.created_at), id: last.client_id }) }
        : { items };
    },

    async replaceClientSettings(userPoolId, clientId, settings, lastModifiedAt) {
      const result = await db
        .updateTable("user_pool_clients")
        .set({
          client_name: settings.ClientName,
          settings_json: JSON.stringify(settings),
          last_modified_at: lastModifiedAt.getTime(),
        })
        .where("client_id", "=", clientId)
        .where("user_pool_id", "=", userPoolId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async deleteClient(userPoolId, clientId) {
      const result = await db
        .deleteFrom("user_pool_clients")
        .where("client_id", "=", clientId)
        .where("user_pool_id", "=", userPoolId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async addClientSecret(secret, maxSecrets) {
      return withWriteErrors(() =>
        options.inTransaction(async (trx: Kysely<Database> | Transaction<Database>) => {
          // Lock the client row first so two concurrent adds cannot both see room for one more (PostgreSQL).
          let lock = trx
            .selectFrom("user_pool_clients")
            .select("client_id")
            .where("client_id", "=", secret.clientId);
          if (options.dialect === "postgres") lock = lock.forUpdate();
          await lock.execute();
          const row = await trx
            .selectFrom("user_pool_client_secrets")
            .select((eb) => eb.fn.countAll<number | string>().as("count"))
            .where("client_id", "=", secret.clientId)
            .executeTakeFirstOrThrow();
          if (Number(row.count) >= maxSecrets) return "limit-reached" as const;
          await trx.insertInto("user_pool_client_secrets").values(secretRow(secret)).execute();
          return "added" as const;
        }),
      );
    },

    async listClientSecrets(clientId) {
      const rows = await db
        .selectFrom("user_pool_client_secrets")
        .selectAll()
        .where("client_id", "=", clientId)
        .orderBy("created_at")
        .orderBy("secret_id")
        .execute();
      return rows.map(toSecret);
    },

    async deleteClientSecret(clientId, secretId) {
      const result = await db
        .deleteFrom("user_pool_client_secrets")
        .where("client_id", "=", clientId)
        .where("secret_id", "=", secretId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
