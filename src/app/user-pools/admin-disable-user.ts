import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireUser } from "../users/user-directory.js";
import { revokeAllSessions, saveUser } from "../users/user-writes.js";
import { nextModificationTime, requireUserPool } from "./user-pool-lookup.js";

export interface AdminDisableUserInput {
  UserPoolId: string;
  Username: string;
}

/**
 * Disables the user and ends every session at once (Cognito: "Deactivates a user profile and revokes all
 * access tokens"); the user still appears in ListUsers, and sign-in answers "User is disabled.".
 */
export const adminDisableUser =
  (deps: Pick<AppDependencies, "storage" | "clock">): UseCase<AdminDisableUserInput, object> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    await deps.storage.transaction(async (repositories) => {
      const now = deps.clock.now();
      const revoked = await revokeAllSessions(repositories, user, now);
      await saveUser(repositories, pool, {
        ...revoked,
        enabled: false,
        lastModifiedAt: nextModificationTime(now, user.lastModifiedAt),
      });
    });
    return {};
  };
