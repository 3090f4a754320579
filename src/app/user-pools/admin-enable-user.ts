import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireUser } from "../users/user-directory.js";
import { saveUser } from "../users/user-writes.js";
import { nextModificationTime, requireUserPool } from "./user-pool-lookup.js";

export interface AdminEnableUserInput {
  UserPoolId: string;
  Username: string;
}

/** Lets a disabled user sign in again; sessions ended by AdminDisableUser stay ended. */
export const adminEnableUser =
  (deps: Pick<AppDependencies, "storage" | "clock">): UseCase<AdminEnableUserInput, object> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    const lastModifiedAt = nextModificationTime(deps.clock.now(), user.lastModifiedAt);
    await saveUser(deps.storage, pool, { ...user, enabled: true, lastModifiedAt });
    return {};
  };
