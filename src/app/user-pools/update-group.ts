import { type GroupFields, groupNotFound, updatedGroup } from "../../domain/group/group-rules.js";
import { type GroupView, groupView } from "../../domain/group/group-view.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { nextModificationTime, requireUserPool } from "./user-pool-lookup.js";

export interface UpdateGroupInput extends GroupFields {
  UserPoolId: string;
  GroupName: string;
}
export interface UpdateGroupOutput {
  Group: GroupView;
}

/** Changes only the fields given (see group-rules.ts); the rest of the group is kept. */
export const updateGroup =
  (deps: Pick<AppDependencies, "storage" | "clock">): UseCase<UpdateGroupInput, UpdateGroupOutput> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const group = await deps.storage.groups.findGroup(pool.id, input.GroupName);
    if (!group) throw groupNotFound();
    const next = updatedGroup(group, input, nextModificationTime(deps.clock.now(), group.lastModifiedAt));
    if (!next) return { Group: groupView(group) };
    // Deleted between the read and the write: answer as if it had never been found.
    if (!(await deps.storage.groups.saveGroup(next))) throw groupNotFound();
    return { Group: groupView(next) };
  };
