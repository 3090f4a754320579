import { groupPageLimit } from "../../domain/group/group-limits.js";
import { type GroupView, groupView } from "../../domain/group/group-view.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireUser } from "../users/user-directory.js";
import { readPage } from "./page-token.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface AdminListGroupsForUserInput {
  UserPoolId: string;
  Username: string;
  Limit?: number;
  NextToken?: string;
}
export interface AdminListGroupsForUserOutput {
  Groups: GroupView[];
  NextToken?: string;
}

/** The user's groups in name order; a token only continues the listing of the same user. */
export const adminListGroupsForUser =
  (
    deps: Pick<AppDependencies, "storage" | "secretBox">,
  ): UseCase<AdminListGroupsForUserInput, AdminListGroupsForUserOutput> =>
  async (context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    const page = await readPage(
      deps.secretBox,
      {
        purpose: `cognito-idp:AdminListGroupsForUser:NextToken:${pool.id}:${user.sub}`,
        limit: groupPageLimit(input.Limit),
        nextToken: input.NextToken,
        requestId: context.requestId,
      },
      (request) => deps.storage.groups.listGroupsForUser(pool.id, user.sub, request),
    );
    const output: AdminListGroupsForUserOutput = { Groups: page.items.map(groupView) };
    if (page.nextToken !== undefined) output.NextToken = page.nextToken;
    return output;
  };
