import { UserNotFoundException } from "../../domain/errors.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireUser } from "../users/user-directory.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface AdminDeleteUserInput {
  UserPoolId: string;
  Username: string;
}

/**
 * Deletes the user; storage cascades its aliases, codes, group memberships and refresh tokens, so the
 * username and aliases are free again at once.
 */
export const adminDeleteUser =
  (deps: Pick<AppDependencies, "storage">): UseCase<AdminDeleteUserInput, object> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    // A concurrent delete may win between the look-up and ours: the loser sees what a late caller would.
    if (!(await deps.storage.users.deleteUser(pool.id, user.sub))) {
      throw new UserNotFoundException("User does not exist.");
    }
    return {};
  };
