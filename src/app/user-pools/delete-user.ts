import { UserNotFoundException } from "../../domain/errors.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireSignedInUser } from "../users/signed-in-user.js";

export interface DeleteUserInput {
  AccessToken: string;
}

/**
 * Deletes the signed-in user. Storage cascades aliases, codes, group memberships and refresh tokens, so
 * the user's tokens stop working at once (GetUser then answers UserNotFoundException) and the username
 * and aliases are free again.
 */
export const deleteUser =
  (deps: Pick<AppDependencies, "storage" | "tokens">): UseCase<DeleteUserInput, object> =>
  async (_context, input) => {
    const { user, pool } = await requireSignedInUser(deps, input.AccessToken);
    // A concurrent delete may win: the loser answers as a late caller would.
    if (!(await deps.storage.users.deleteUser(pool.id, user.sub))) {
      throw new UserNotFoundException("User does not exist.");
    }
    return {};
  };
