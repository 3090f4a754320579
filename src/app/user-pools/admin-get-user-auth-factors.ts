import type { AppDependencies, UseCase } from "../dependencies.js";
import { type UserAuthFactorsView, userAuthFactors } from "../passwordless/auth-factors.js";
import { requireUser } from "../users/user-directory.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface AdminGetUserAuthFactorsInput {
  UserPoolId: string;
  Username: string;
}

/** A user's MFA settings and USER_AUTH first factors, by username, alias or sub. */
export const adminGetUserAuthFactors =
  (deps: Pick<AppDependencies, "storage">): UseCase<AdminGetUserAuthFactorsInput, UserAuthFactorsView> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    return userAuthFactors(deps.storage, pool, user);
  };
