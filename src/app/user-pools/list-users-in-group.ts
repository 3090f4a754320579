import { groupPageLimit } from "../../domain/group/group-limits.js";
import { groupNotFound } from "../../domain/group/group-rules.js";
import { listedUserView } from "../../domain/user/user-view.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { readPage } from "./page-token.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface ListUsersInGroupInput {
  UserPoolId: string;
  GroupName: string;
  Limit?: number;
  NextToken?: string;
}
export interface ListUsersInGroupOutput {
  Users: ReturnType<typeof listedUserView>[];
  NextToken?: string;
}

/** The group's members in the order they were created (as ListUsers); a token only continues one group. */
export const listUsersInGroup =
  (
    deps: Pick<AppDependencies, "storage" | "secretBox">,
  ): UseCase<ListUsersInGroupInput, ListUsersInGroupOutput> =>
  async (context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const group = await deps.storage.groups.findGroup(pool.id, input.GroupName);
    if (!group) throw groupNotFound();
    const page = await readPage(
      deps.secretBox,
      {
        purpose: `cognito-idp:ListUsersInGroup:NextToken:${pool.id}:${group.groupName}`,
        limit: groupPageLimit(input.Limit),
        nextToken: input.NextToken,
        requestId: context.requestId,
      },
      (request) => deps.storage.groups.listUsersInGroup(pool.id, group.groupName, request),
    );
    const output: ListUsersInGroupOutput = { Users: page.items.map((user) => listedUserView(user)) };
    if (page.nextToken !== undefined) output.NextToken = page.nextToken;
    return output;
  };
