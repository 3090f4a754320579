import { checkRoomForAnotherGroup } from "../../domain/group/group-limits.js";
import { groupNotFound } from "../../domain/group/group-rules.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireUser } from "../users/user-directory.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface AdminAddUserToGroupInput {
  UserPoolId: string;
  Username: string;
  GroupName: string;
}

/**
 * Adds a user (named by username or alias) to a group; adding a member again is a no-op. The user is
 * looked up before the group, so an unknown user wins over an unknown group.
 */
export const adminAddUserToGroup =
  (
    deps: Pick<AppDependencies, "storage" | "clock">,
  ): UseCase<AdminAddUserToGroupInput, Record<string, never>> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    const group = await deps.storage.groups.findGroup(pool.id, input.GroupName);
    if (!group) throw groupNotFound();
    // A user has at most 100 groups, so reading them all is cheap. Two concurrent adds near the quota
    // can both pass this check; the quota is a guard against runaway scripts, not a security boundary.
    const current = await deps.storage.groups.groupsOfUser(pool.id, user.sub);
    if (current.some((member) => member.groupName === group.groupName)) return {};
    checkRoomForAnotherGroup(current.length);
    await deps.storage.groups.addUserToGroup(pool.id, group.groupName, user.sub, deps.clock.now());
    return {};
  };
