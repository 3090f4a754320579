import { type GroupFields, groupExists, newGroupFields } from "../../domain/group/group-rules.js";
import { type GroupView, groupView } from "../../domain/group/group-view.js";
import { DuplicateKeyError } from "../../ports/storage.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface CreateGroupInput extends GroupFields {
  UserPoolId: string;
  GroupName: string;
}
export interface CreateGroupOutput {
  Group: GroupView;
}

export const createGroup =
  (deps: Pick<AppDependencies, "storage" | "clock">): UseCase<CreateGroupInput, CreateGroupOutput> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const now = deps.clock.now();
    const group = {
      userPoolId: pool.id,
      groupName: input.GroupName,
      ...newGroupFields(input),
      createdAt: now,
      lastModifiedAt: now,
    };
    try {
      // The primary key decides: of two concurrent creates of one name, exactly one succeeds.
      await deps.storage.groups.insertGroup(group);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw groupExists();
      throw error;
    }
    return { Group: groupView(group) };
  };
