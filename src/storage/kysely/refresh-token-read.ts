import { type Kysely, type RawBuilder, type Selectable, sql } from "kysely";
import type { StoredRefreshToken } from "../../domain/tokens/refresh-token.js";
import type { RefreshTokenWithHolder } from "../../ports/session-repositories.js";
import type { Storage } from "../../ports/storage.js";
import { groupFromRow, sortGroups } from "./group-repository.js";
import { reusableQuery } from "./reusable-query.js";
import type { Database, GroupsTable, RefreshTokensTable, UsersTable } from "./schema.js";
import { userFromRow } from "./user-row.js";

// A refresh (REFRESH_TOKEN_AUTH, the refresh_token grant) needs the token, its family, its user and the
// user's groups: one read. The user's columns come as they are, the token's under names the users table
// does not use, and the groups as one JSON array (each engine has its own JSON functions).

const GROUP_COLUMNS = [
  "user_pool_id",
  "group_name",
  "description",
  "role_arn",
  "precedence",
  "created_at",
  "last_modified_at",
] as const;

export function tokenFromRow(row: Selectable<RefreshTokensTable>): StoredRefreshToken {
  return {
    tokenHash: row.token_hash,
    familyId: row.family_id,
    userPoolId: row.user_pool_id,
    clientId: row.client_id,
    sub: row.sub,
    scopes: row.scopes === "" ? [] : row.scopes.split(" "),
    deviceKey: row.device_key,
    authTime: new Date(Number(row.auth_time)),
    createdAt: new Date(Number(row.created_at)),
    expiresAt: new Date(Number(row.expires_at)),
    rotatedAt: row.rotated_at === null ? null : new Date(Number(row.rotated_at)),
  };
}

function groupsJson(dialect: Storage["dialect"]): RawBuilder<string> {
  const pairs = GROUP_COLUMNS.map((column) => `'${column}', "g"."${column}"`).join(", ");
  const from = `from "group_members" as "m" inner join "groups" as "g"
      on "g"."user_pool_id" = "m"."user_pool_id" and "g"."group_name" = "m"."group_name"
    where "m"."user_pool_id" = "refresh_tokens"."user_pool_id" and "m"."sub" = "refresh_tokens"."sub"`;
  const aggregate =
    dialect === "postgres"
      ? `coalesce(json_agg(json_build_object(${pairs})), '[]'::json)::text`
      : `json_group_array(json_object(${pairs}))`;
  return sql<string>`(${sql.raw(`select ${aggregate} ${from}`)})`;
}

export function refreshTokenWithHolderRead(db: Kysely<Database>, dialect: Storage["dialect"]) {
  const read = reusableQuery(db, (tokenHash: string) =>
    db
      .selectFrom("refresh_tokens")
      .innerJoin("refresh_token_families", "refresh_token_families.family_id", "refresh_tokens.family_id")
      .leftJoin("users", (join) =>
        join
          .onRef("users.sub", "=", "refresh_tokens.sub")
          .onRef("users.user_pool_id", "=", "refresh_tokens.user_pool_id"),
      )
      .selectAll("users")
      .select([
        "refresh_tokens.token_hash",
        "refresh_tokens.family_id",
        "refresh_tokens.user_pool_id as token_user_pool_id",
        "refresh_tokens.client_id",
        "refresh_tokens.sub as token_sub",
        "refresh_tokens.scopes",
        "refresh_tokens.device_key",
        "refresh_tokens.auth_time",
        "refresh_tokens.created_at as token_created_at",
        "refresh_tokens.expires_at",
        "refresh_tokens.rotated_at",
        "refresh_token_families.revoked_at as family_revoked_at",
        groupsJson(dialect).as("groups_json"),
      ])
      .where("refresh_tokens.token_hash", "=", tokenHash),
  );

  return async (tokenHash: string): Promise<RefreshTokenWithHolder | undefined> => {
    const [row] = await read(tokenHash);
    if (!row) return undefined;
    const token = tokenFromRow({
      token_hash: row.token_hash,
      family_id: row.family_id,
      user_pool_id: row.token_user_pool_id,
      client_id: row.client_id,
      sub: row.token_sub,
      scopes: row.scopes,
      device_key: row.device_key,
      auth_time: row.auth_time,
      created_at: row.token_created_at,
      expires_at: row.expires_at,
      rotated_at: row.rotated_at,
    });
    const groupRows = JSON.parse(row.groups_json) as Array<Selectable<GroupsTable>>;
    return {
      token,
      family: {
        familyId: token.familyId,
        userPoolId: token.userPoolId,
        clientId: token.clientId,
        sub: token.sub,
        revokedAt: row.family_revoked_at === null ? null : new Date(Number(row.family_revoked_at)),
      },
      // A left join that found no user leaves every users column null; username never is otherwise.
      user: row.username === null ? undefined : userFromRow(row as Selectable<UsersTable>),
      groups: sortGroups(groupRows.map(groupFromRow)),
    };
  };
}
