import type { SignInDependencies } from "../auth-flows/sign-in.js";
import type { UseCase } from "../dependencies.js";
import { type MfaPreferenceInput, setMfaPreference } from "../mfa/mfa-preferences.js";
import { requireSignedInUser } from "../users/signed-in-user.js";

export interface SetUserMFAPreferenceInput extends MfaPreferenceInput {
  AccessToken: string;
}

/** The signed-in user turns MFA factors on or off and picks the preferred one (src/app/mfa). */
export const setUserMFAPreference =
  (deps: SignInDependencies): UseCase<SetUserMFAPreferenceInput, object> =>
  async (_context, input) => {
    const { user, pool } = await requireSignedInUser(deps, input.AccessToken);
    await setMfaPreference(deps, pool, user, input, { admin: false });
    return {};
  };
