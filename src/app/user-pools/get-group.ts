import { groupNotFound } from "../../domain/group/group-rules.js";
import { type GroupView, groupView } from "../../domain/group/group-view.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface GetGroupInput {
  UserPoolId: string;
  GroupName: string;
}
export interface GetGroupOutput {
  Group: GroupView;
}

export const getGroup =
  (deps: Pick<AppDependencies, "storage">): UseCase<GetGroupInput, GetGroupOutput> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const group = await deps.storage.groups.findGroup(pool.id, input.GroupName);
    if (!group) throw groupNotFound();
    return { Group: groupView(group) };
  };
