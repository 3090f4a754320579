import type { AppDependencies, UseCase } from "../dependencies.js";
import { type UserAuthFactorsView, userAuthFactors } from "../passwordless/auth-factors.js";
import { requireSignedInUser } from "../users/signed-in-user.js";

export interface GetUserAuthFactorsInput {
  AccessToken: string;
}

/** The signed-in user's MFA settings and USER_AUTH first factors. */
export const getUserAuthFactors =
  (
    deps: Pick<AppDependencies, "storage" | "tokens">,
  ): UseCase<GetUserAuthFactorsInput, UserAuthFactorsView> =>
  async (_context, input) => {
    const signedIn = await requireSignedInUser(deps, input.AccessToken);
    return userAuthFactors(deps.storage, signedIn.pool, signedIn.user);
  };
