import { groupNotFound } from "../../domain/group/group-rules.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface DeleteGroupInput {
  UserPoolId: string;
  GroupName: string;
}

/** Memberships go with the group (storage cascades), so no member keeps it in cognito:groups. */
export const deleteGroup =
  (deps: Pick<AppDependencies, "storage">): UseCase<DeleteGroupInput, Record<string, never>> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    if (!(await deps.storage.groups.deleteGroup(pool.id, input.GroupName))) throw groupNotFound();
    return {};
  };
