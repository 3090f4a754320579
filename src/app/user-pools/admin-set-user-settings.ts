import type { AppDependencies, UseCase } from "../dependencies.js";
import { type MfaOptionInput, preferenceFromMfaOptions } from "../mfa/legacy-mfa-options.js";
import { setMfaPreference } from "../mfa/mfa-preferences.js";
import { requireUser } from "../users/user-directory.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface AdminSetUserSettingsInput {
  UserPoolId: string;
  Username: string;
  MFAOptions: MfaOptionInput[];
}

/** The legacy SMS-only MFA switch, as an administrator (src/app/mfa/legacy-mfa-options.ts). */
export const adminSetUserSettings =
  (deps: Pick<AppDependencies, "storage" | "clock">): UseCase<AdminSetUserSettingsInput, object> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    await setMfaPreference(deps, pool, user, preferenceFromMfaOptions(input.MFAOptions), { admin: true });
    return {};
  };
