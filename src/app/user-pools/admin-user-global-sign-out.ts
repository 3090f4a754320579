import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireUser } from "../users/user-directory.js";
import { revokeAllSessions, saveUser } from "../users/user-writes.js";
import { nextModificationTime, requireUserPool } from "./user-pool-lookup.js";

export interface AdminUserGlobalSignOutInput {
  UserPoolId: string;
  Username: string;
}

/**
 * Signs the user out everywhere: refresh tokens stop working and access tokens issued before now are
 * refused by Cognate's token-authorized actions. Tokens already handed to other services stay valid
 * until they expire (as in Cognito); the hosted UI session cookie is not touched.
 */
export const adminUserGlobalSignOut =
  (deps: Pick<AppDependencies, "storage" | "clock">): UseCase<AdminUserGlobalSignOutInput, object> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    await deps.storage.transaction(async (repositories) => {
      const now = deps.clock.now();
      const revoked = await revokeAllSessions(repositories, user, now);
      await saveUser(repositories, pool, {
        ...revoked,
        lastModifiedAt: nextModificationTime(now, user.lastModifiedAt),
      });
    });
    return {};
  };
