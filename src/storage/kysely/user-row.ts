import type { Selectable } from "kysely";
import type { User, UserStatus } from "../../domain/user/user.js";
import type { UsersTable } from "./schema.js";

// A users row as the domain's User; shared by every read that selects the users columns.

type UserRow = Selectable<UsersTable>;

export function userFromRow(row: UserRow): User {
  return {
    userPoolId: row.user_pool_id,
    sub: row.sub,
    username: row.username,
    status: row.status as UserStatus,
    enabled: Number(row.enabled) === 1,
    attributes: JSON.parse(row.attributes_json) as Record<string, string>,
    ...(row.pending_attributes_json
      ? { pendingAttributes: JSON.parse(row.pending_attributes_json) as Record<string, string> }
      : {}),
    password:
      row.password_hash === null
        ? null
        : {
            hash: row.password_hash,
            srpSaltHex: row.srp_salt,
            srpVerifierSealed: row.srp_verifier_sealed,
            changedAt: new Date(Number(row.password_changed_at ?? row.created_at)),
          },
    passwordHistory: JSON.parse(row.password_history_json) as string[],
    temporaryPasswordExpiresAt: dateOrNull(row.temporary_password_expires_at),
    tokensRevokedAt: dateOrNull(row.tokens_revoked_at),
    createdAt: new Date(Number(row.created_at)),
    lastModifiedAt: new Date(Number(row.last_modified_at)),
  };
}

function dateOrNull(value: number | null): Date | null {
  return value === null ? null : new Date(Number(value));
}
