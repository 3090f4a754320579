import { type Kysely, sql } from "kysely";
import type { User, UserAlias } from "../../domain/user/user.js";
import { DuplicateKeyError } from "../../ports/storage.js";
import type { FilterableUserAttribute, UserFilter, UserRepository } from "../../ports/user-repository.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { translateWriteError } from "./errors.js";
import { reusableQuery } from "./reusable-query.js";
import type { Database, UsersTable } from "./schema.js";
import { tokenHolderRead } from "./token-holder-read.js";
import { userFromRow } from "./user-row.js";

type InTransaction = <T>(work: (trx: Kysely<Database>) => Promise<T>) => Promise<T>;

const FILTER_COLUMNS = {
  username: "username_key",
  email: "email",
  phone_number: "phone_number",
  name: "name",
  given_name: "given_name",
  family_name: "family_name",
  preferred_username: "preferred_username",
  "cognito:user_status": "status",
  status: "enabled",
  sub: "sub",
} as const satisfies Record<FilterableUserAttribute, keyof UsersTable>;

/** Sorts after every string that starts with the prefix (byte order on both engines). */
const PREFIX_CEILING = "\u{10FFFF}";

/** The columns saveUser rewrites: everything but identity, creation and the failure streak. */
function mutableColumns(user: User) {
  const attribute = (name: string) => user.attributes[name] ?? null;
  return {
    status: user.status,
    enabled: user.enabled ? 1 : 0,
    attributes_json: JSON.stringify(user.attributes),
    pending_attributes_json:
      user.pendingAttributes && Object.keys(user.pendingAttributes).length > 0
        ? JSON.stringify(user.pendingAttributes)
        : null,
    email: attribute("email"),
    phone_number: attribute("phone_number"),
    name: attribute("name"),
    given_name: attribute("given_name"),
    family_name: attribute("family_name"),
    preferred_username: attribute("preferred_username"),
    password_hash: user.password?.hash ?? null,
    srp_salt: user.password?.srpSaltHex ?? null,
    srp_verifier_sealed: user.password?.srpVerifierSealed ?? null,
    password_changed_at: user.password?.changedAt.getTime() ?? null,
    password_history_json: JSON.stringify(user.passwordHistory),
    temporary_password_expires_at: user.temporaryPasswordExpiresAt?.getTime() ?? null,
    tokens_revoked_at: user.tokensRevokedAt?.getTime() ?? null,
    last_modified_at: user.lastModifiedAt.getTime(),
  };
}

async function insertAliases(trx: Kysely<Database>, user: User, aliases: UserAlias[]): Promise<void> {
  if (aliases.length === 0) return;
  try {
    await trx
      .insertInto("user_aliases")
      .values(
        aliases.map((alias) => ({
          user_pool_id: user.userPoolId,
          kind: alias.kind,
          value: alias.value,
          sub: user.sub,
        })),
      )
      .execute();
  } catch (error) {
    const translated = translateWriteError(error);
    throw translated instanceof DuplicateKeyError ? new DuplicateKeyError("user_aliases_uq") : translated;
  }
}

function filterValue(filter: UserFilter): string | number {
  if (filter.attribute === "status") return filter.value === "Enabled" ? 1 : 0;
  return filter.value;
}

export function kyselyUserRepository(db: Kysely<Database>, inTransaction: InTransaction): UserRepository {
  const selectUsers = () => db.selectFrom("users").selectAll();
  const userByUsername = reusableQuery(db, (userPoolId: string, usernameKey: string) =>
    selectUsers().where("user_pool_id", "=", userPoolId).where("username_key", "=", usernameKey),
  );
  const userBySub = reusableQuery(db, (userPoolId: string, sub: string) =>
    selectUsers().where("sub", "=", sub).where("user_pool_id", "=", userPoolId),
  );
  const findTokenHolder = tokenHolderRead(db);
  const failedSignIns = reusableQuery(db, (userPoolId: string, sub: string) =>
    db
      .selectFrom("users")
      .select(["failed_sign_ins", "last_failed_sign_in_at"])
      .where("sub", "=", sub)
      .where("user_pool_id", "=", userPoolId),
  );
  return {
    insertUser({ user, usernameKey, aliases }) {
      return inTransaction(async (trx) => {
        try {
          await trx
            .insertInto("users")
            .values({
              sub: user.sub,
              user_pool_id: user.userPoolId,
              username: user.username,
              username_key: usernameKey,
              created_at: user.createdAt.getTime(),
              ...mutableColumns(user),
            })
            .execute();
        } catch (error) {
          const translated = translateWriteError(error);
          throw translated instanceof DuplicateKeyError
            ? new DuplicateKeyError("users_username_uq")
            : translated;
        }
        await insertAliases(trx, user, aliases);
      });
    },

    async findUserByUsername(userPoolId, usernameKey) {
      const [row] = await userByUsername(userPoolId, usernameKey);
      return row ? userFromRow(row) : undefined;
    },

    async findUserBySub(userPoolId, sub) {
      const [row] = await userBySub(userPoolId, sub);
      return row ? userFromRow(row) : undefined;
    },

    findTokenHolder(userPoolId, sub, familyId) {
      return findTokenHolder(userPoolId, sub, familyId);
    },

    async findUserByAlias(userPoolId, alias) {
      const row = await db
        .selectFrom("user_aliases")
        .innerJoin("users", "users.sub", "user_aliases.sub")
        .selectAll("users")
        .where("user_aliases.user_pool_id", "=", userPoolId)
        .where("user_aliases.kind", "=", alias.kind)
        .where("user_aliases.value", "=", alias.value)
        .executeTakeFirst();
      return row ? userFromRow(row) : undefined;
    },

    saveUser(user, aliases) {
      return inTransaction(async (trx) => {
        const result = await trx
          .updateTable("users")
          .set(mutableColumns(user))
          .where("sub", "=", user.sub)
          .where("user_pool_id", "=", user.userPoolId)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) return false;
        await trx.deleteFrom("user_aliases").where("sub", "=", user.sub).execute();
        await insertAliases(trx, user, aliases);
        return true;
      });
    },

    async deleteUser(userPoolId, sub) {
      const result = await db
        .deleteFrom("users")
        .where("sub", "=", sub)
        .where("user_pool_id", "=", userPoolId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async listUsers(userPoolId, { filter, page }) {
      let query = selectUsers().where("user_pool_id", "=", userPoolId);
      if (filter) {
        const column = FILTER_COLUMNS[filter.attribute];
        const value = filterValue(filter);
        if (filter.operator === "=" || typeof value === "number") {
          query = query.where(column, "=", value);
        } else {
          query = query.where(column, ">=", value).where(column, "<", `${value}${PREFIX_CEILING}`);
        }
      }
      if (page.cursor !== undefined) {
        const after = decodeCursor(page.cursor);
        // A row-value comparison, so both engines walk the (…, created_at, id) index instead of scanning.
        query = query.where((eb) =>
          eb(eb.refTuple("created_at", "sub"), ">", eb.tuple(after.createdAt, after.id)),
        );
      }
      // With a filter, ordering by expressions keeps the planner on the filter's index (it would otherwise
      // walk the creation index and test every user); the few matching rows are then sorted.
      const ordered = filter
        ? query.orderBy(sql`created_at + 0`).orderBy(sql`sub || ''`)
        : query.orderBy("created_at").orderBy("sub");
      const rows = await ordered.limit(page.limit + 1).execute();
      const items = rows.slice(0, page.limit).map(userFromRow);
      const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
      return last
        ? { items, nextCursor: encodeCursor({ createdAt: Number(last.created_at), id: last.sub }) }
        : { items };
    },

    async countUsers(userPoolId) {
      const row = await db
        .selectFrom("users")
        .select((eb) => eb.fn.countAll<number | string>().as("count"))
        .where("user_pool_id", "=", userPoolId)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async recordFailedSignIn(userPoolId, sub, at, streakResetAfterMs) {
      const quietSince = at.getTime() - streakResetAfterMs;
      // One statement: concurrent failures each count, and a quiet period restarts the streak.
      const row = await db
        .updateTable("users")
        .set({
          failed_sign_ins: sql<number>`case when last_failed_sign_in_at is null or last_failed_sign_in_at < ${quietSince} then 1 else failed_sign_ins + 1 end`,
          last_failed_sign_in_at: at.getTime(),
        })
        .where("sub", "=", sub)
        .where("user_pool_id", "=", userPoolId)
        .returning("failed_sign_ins")
        .executeTakeFirst();
      return Number(row?.failed_sign_ins ?? 0);
    },

    async readFailedSignIns(userPoolId, sub, now, streakResetAfterMs) {
      const [row] = await failedSignIns(userPoolId, sub);
      const last = row?.last_failed_sign_in_at ?? null;
      if (row === undefined || last === null || Number(last) < now.getTime() - streakResetAfterMs) {
        return { failures: 0, lastFailureAt: last === null ? null : new Date(Number(last)) };
      }
      return { failures: Number(row.failed_sign_ins), lastFailureAt: new Date(Number(last)) };
    },

    async clearFailedSignIns(userPoolId, sub) {
      await db
        .updateTable("users")
        .set({ failed_sign_ins: 0, last_failed_sign_in_at: null })
        .where("sub", "=", sub)
        .where("user_pool_id", "=", userPoolId)
        .execute();
    },
  };
}
