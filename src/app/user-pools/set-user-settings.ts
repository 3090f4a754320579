import type { SignInDependencies } from "../auth-flows/sign-in.js";
import type { UseCase } from "../dependencies.js";
import { type MfaOptionInput, preferenceFromMfaOptions } from "../mfa/legacy-mfa-options.js";
import { setMfaPreference } from "../mfa/mfa-preferences.js";
import { requireSignedInUser } from "../users/signed-in-user.js";

export interface SetUserSettingsInput {
  AccessToken: string;
  MFAOptions: MfaOptionInput[];
}

/** The legacy SMS-only MFA switch for the signed-in user (src/app/mfa/legacy-mfa-options.ts). */
export const setUserSettings =
  (deps: SignInDependencies): UseCase<SetUserSettingsInput, object> =>
  async (_context, input) => {
    const { user, pool } = await requireSignedInUser(deps, input.AccessToken);
    await setMfaPreference(deps, pool, user, preferenceFromMfaOptions(input.MFAOptions), { admin: false });
    return {};
  };
