import type { Kysely, Selectable } from "kysely";
import type { Group } from "../../domain/group/group.js";
import type { GroupRepository } from "../../ports/session-repositories.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { withWriteErrors } from "./errors.js";
import { reusableQuery } from "./reusable-query.js";
import type { Database, GroupsTable } from "./schema.js";
import { userFromRow } from "./user-row.js";

export function groupFromRow(row: Selectable<GroupsTable>): Group {
  return {
    userPoolId: row.user_pool_id,
    groupName: row.group_name,
    description: row.description,
    roleArn: row.role_arn,
    precedence: row.precedence === null ? null : Number(row.precedence),
    createdAt: new Date(Number(row.created_at)),
    lastModifiedAt: new Date(Number(row.last_modified_at)),
  };
}

/** A user's groups in token order: by precedence (none last), then by name. */
export function sortGroups(groups: Group[]): Group[] {
  const rank = (group: Group) => group.precedence ?? Number.MAX_SAFE_INTEGER;
  return groups.sort(
    (a, b) => rank(a) - rank(b) || (a.groupName < b.groupName ? -1 : a.groupName > b.groupName ? 1 : 0),
  );
}

/** Name-ordered pages: the cursor carries the last name (createdAt is unused). */
function nameCursor(name: string): string {
  return encodeCursor({ createdAt: 0, id: name });
}

export function kyselyGroupRepository(db: Kysely<Database>): GroupRepository {
  const groupsOfMember = (userPoolId: string, sub: string) =>
    db
      .selectFrom("group_members")
      .innerJoin("groups", (join) =>
        join
          .onRef("groups.user_pool_id", "=", "group_members.user_pool_id")
          .onRef("groups.group_name", "=", "group_members.group_name"),
      )
      .selectAll("groups")
      .where("group_members.user_pool_id", "=", userPoolId)
      .where("group_members.sub", "=", sub);
  const groupRowsOfUser = reusableQuery(db, groupsOfMember);
  return {
    async insertGroup(group) {
      await withWriteErrors(() =>
        db
          .insertInto("groups")
          .values({
            user_pool_id: group.userPoolId,
            group_name: group.groupName,
            description: group.description,
            role_arn: group.roleArn,
            precedence: group.precedence,
            created_at: group.createdAt.getTime(),
            last_modified_at: group.lastModifiedAt.getTime(),
          })
          .execute(),
      );
    },

    async findGroup(userPoolId, groupName) {
      const row = await db
        .selectFrom("groups")
        .selectAll()
        .where("user_pool_id", "=", userPoolId)
        .where("group_name", "=", groupName)
        .executeTakeFirst();
      return row ? groupFromRow(row) : undefined;
    },

    async listGroups(userPoolId, { limit, cursor }) {
      let query = db.selectFrom("groups").selectAll().where("user_pool_id", "=", userPoolId);
      if (cursor !== undefined) query = query.where("group_name", ">", decodeCursor(cursor).id);
      const rows = await query
        .orderBy("group_name")
        .limit(limit + 1)
        .execute();
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      const items = rows.slice(0, limit).map(groupFromRow);
      return last ? { items, nextCursor: nameCursor(last.group_name) } : { items };
    },

    async saveGroup(group) {
      const result = await db
        .updateTable("groups")
        .set({
          description: group.description,
          role_arn: group.roleArn,
          precedence: group.precedence,
          last_modified_at: group.lastModifiedAt.getTime(),
        })
        .where("user_pool_id", "=", group.userPoolId)
        .where("group_name", "=", group.groupName)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async deleteGroup(userPoolId, groupName) {
      const result = await db
        .deleteFrom("groups")
        .where("user_pool_id", "=", userPoolId)
        .where("group_name", "=", groupName)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async addUserToGroup(userPoolId, groupName, sub, at) {
      await db
        .insertInto("group_members")
        .values({ user_pool_id: userPoolId, group_name: groupName, sub, added_at: at.getTime() })
        .onConflict((conflict) => conflict.columns(["user_pool_id", "group_name", "sub"]).doNothing())
        .execute();
    },

    async removeUserFromGroup(userPoolId, groupName, sub) {
      await db
        .deleteFrom("group_members")
        .where("user_pool_id", "=", userPoolId)
        .where("group_name", "=", groupName)
        .where("sub", "=", sub)
        .execute();
    },

    async groupsOfUser(userPoolId, sub) {
      return sortGroups((await groupRowsOfUser(userPoolId, sub)).map(groupFromRow));
    },

    async listGroupsForUser(userPoolId, sub, { limit, cursor }) {
      let query = groupsOfMember(userPoolId, sub);
      if (cursor !== undefined) query = query.where("groups.group_name", ">", decodeCursor(cursor).id);
      const rows = await query
        .orderBy("groups.group_name")
        .limit(limit + 1)
        .execute();
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      const items = rows.slice(0, limit).map(groupFromRow);
      return last ? { items, nextCursor: nameCursor(last.group_name) } : { items };
    },

    async listUsersInGroup(userPoolId, groupName, { limit, cursor }) {
      let query = db
        .selectFrom("group_members")
        .innerJoin("users", "users.sub", "group_members.sub")
        .selectAll("users")
        .where("group_members.user_pool_id", "=", userPoolId)
        .where("group_members.group_name", "=", groupName);
      if (cursor !== undefined) {
        const after = decodeCursor(cursor);
        // A row-value comparison, so both engines walk the (…, created_at, id) index instead of scanning.
        query = query.where((eb) =>
          eb(eb.refTuple("users.created_at", "users.sub"), ">", eb.tuple(after.createdAt, after.id)),
        );
      }
      const rows = await query
        .orderBy("users.created_at")
        .orderBy("users.sub")
        .limit(limit + 1)
        .execute();
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      const items = rows.slice(0, limit).map(userFromRow);
      return last
        ? { items, nextCursor: encodeCursor({ createdAt: Number(last.created_at), id: last.sub }) }
        : { items };
    },
  };
}
