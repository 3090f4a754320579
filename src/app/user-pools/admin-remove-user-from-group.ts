import { groupNotFound } from "../../domain/group/group-rules.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireUser } from "../users/user-directory.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface AdminRemoveUserFromGroupInput {
  UserPoolId: string;
  Username: string;
  GroupName: string;
}

/** Removing a user who is not a member succeeds; an unknown user or group does not. */
export const adminRemoveUserFromGroup =
  (deps: Pick<AppDependencies, "storage">): UseCase<AdminRemoveUserFromGroupInput, Record<string, never>> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    const group = await deps.storage.groups.findGroup(pool.id, input.GroupName);
    if (!group) throw groupNotFound();
    await deps.storage.groups.removeUserFromGroup(pool.id, group.groupName, user.sub);
    return {};
  };
