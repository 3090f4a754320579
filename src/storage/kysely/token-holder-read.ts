import type { Kysely, Selectable } from "kysely";
import type { TokenHolder } from "../../ports/user-repository.js";
import { mfaStateFromRow } from "./mfa-repository.js";
import { reusableQuery } from "./reusable-query.js";
import type { Database, UsersTable } from "./schema.js";
import { userFromRow } from "./user-row.js";

// What every access-token check needs, in one round trip: the user, whether the token's refresh-token
// family is still live, and the user's MFA state (GetUser answers with it). The user's columns come as
// they are; the family's and the MFA row's under names the users table does not use.

export function tokenHolderRead(db: Kysely<Database>) {
  const holder = reusableQuery(db, (userPoolId: string, sub: string, familyId: string) =>
    db
      .selectFrom("users")
      .leftJoin("refresh_token_families", (join) =>
        join.on("refresh_token_families.family_id", "=", familyId),
      )
      .leftJoin("user_mfa", "user_mfa.sub", "users.sub")
      .selectAll("users")
      .select([
        "refresh_token_families.family_id as family_found",
        "refresh_token_families.revoked_at as family_revoked_at",
        "user_mfa.sub as mfa_sub",
        "user_mfa.totp_secret_sealed as mfa_totp_secret_sealed",
        "user_mfa.totp_pending_secret_sealed as mfa_totp_pending_secret_sealed",
        "user_mfa.totp_device_name as mfa_totp_device_name",
        "user_mfa.totp_last_step as mfa_totp_last_step",
        "user_mfa.sms_enabled as mfa_sms_enabled",
        "user_mfa.totp_enabled as mfa_totp_enabled",
        "user_mfa.email_enabled as mfa_email_enabled",
        "user_mfa.preferred as mfa_preferred",
        "user_mfa.updated_at as mfa_updated_at",
      ])
      .where("users.sub", "=", sub)
      .where("users.user_pool_id", "=", userPoolId),
  );

  return async (userPoolId: string, sub: string, familyId: string): Promise<TokenHolder | undefined> => {
    const [row] = await holder(userPoolId, sub, familyId);
    if (!row) return undefined;
    const user = userFromRow(row as Selectable<UsersTable>);
    const mfa =
      row.mfa_sub === null
        ? undefined
        : mfaStateFromRow({
            sub: row.mfa_sub,
            user_pool_id: row.user_pool_id,
            totp_secret_sealed: row.mfa_totp_secret_sealed,
            totp_pending_secret_sealed: row.mfa_totp_pending_secret_sealed,
            totp_device_name: row.mfa_totp_device_name,
            totp_last_step: row.mfa_totp_last_step,
            sms_enabled: row.mfa_sms_enabled ?? 0,
            totp_enabled: row.mfa_totp_enabled ?? 0,
            email_enabled: row.mfa_email_enabled ?? 0,
            preferred: row.mfa_preferred,
            updated_at: row.mfa_updated_at ?? 0,
          });
    return { user, familyLive: row.family_found !== null && row.family_revoked_at === null, mfa };
  };
}
