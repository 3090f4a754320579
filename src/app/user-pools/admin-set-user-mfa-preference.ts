import type { AppDependencies, UseCase } from "../dependencies.js";
import { type MfaPreferenceInput, setMfaPreference } from "../mfa/mfa-preferences.js";
import { requireUser } from "../users/user-directory.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface AdminSetUserMFAPreferenceInput extends MfaPreferenceInput {
  UserPoolId: string;
  Username: string;
}

/**
 * Sets a user's MFA factors as an administrator. Turning SOFTWARE_TOKEN_MFA off also forgets the TOTP
 * secret and recovery codes: the documented MFA reset for a lost authenticator (docs/mfa.md).
 */
export const adminSetUserMFAPreference =
  (deps: Pick<AppDependencies, "storage" | "clock">): UseCase<AdminSetUserMFAPreferenceInput, object> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    await setMfaPreference(deps, pool, user, input, { admin: true });
    return {};
  };
