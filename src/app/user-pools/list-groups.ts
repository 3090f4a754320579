import { groupPageLimit } from "../../domain/group/group-limits.js";
import { type GroupView, groupView } from "../../domain/group/group-view.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { readPage } from "./page-token.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface ListGroupsInput {
  UserPoolId: string;
  Limit?: number;
  NextToken?: string;
}
export interface ListGroupsOutput {
  Groups: GroupView[];
  NextToken?: string;
}

/** The pool's groups in name order. */
export const listGroups =
  (deps: Pick<AppDependencies, "storage" | "secretBox">): UseCase<ListGroupsInput, ListGroupsOutput> =>
  async (context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const page = await readPage(
      deps.secretBox,
      {
        purpose: `cognito-idp:ListGroups:NextToken:${pool.id}`,
        limit: groupPageLimit(input.Limit),
        nextToken: input.NextToken,
        requestId: context.requestId,
      },
      (request) => deps.storage.groups.listGroups(pool.id, request),
    );
    const output: ListGroupsOutput = { Groups: page.items.map(groupView) };
    if (page.nextToken !== undefined) output.NextToken = page.nextToken;
    return output;
  };
