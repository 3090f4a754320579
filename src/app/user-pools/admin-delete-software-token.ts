import type { AppDependencies, UseCase } from "../dependencies.js";
import { setMfaPreference } from "../mfa/mfa-preferences.js";
import { requireUser } from "../users/user-directory.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface AdminDeleteSoftwareTokenInput {
  UserPoolId: string;
  Username: string;
}

/** Removes the user's software token: TOTP MFA off, secret and recovery codes forgotten (docs/mfa.md). */
export const adminDeleteSoftwareToken =
  (deps: Pick<AppDependencies, "storage" | "clock">): UseCase<AdminDeleteSoftwareTokenInput, object> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    await setMfaPreference(
      deps,
      pool,
      user,
      { SoftwareTokenMfaSettings: { Enabled: false } },
      { admin: true },
    );
    return {};
  };
