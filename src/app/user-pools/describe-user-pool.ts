import {
  describeUserPool as toDescription,
  type UserPoolDescription,
} from "../../domain/user-pool/describe.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { estimatedNumberOfUsers, requireUserPool } from "./user-pool-lookup.js";

export interface DescribeUserPoolInput {
  UserPoolId: string;
}
export interface DescribeUserPoolOutput {
  UserPool: UserPoolDescription;
}

export const describeUserPool =
  (
    deps: Pick<AppDependencies, "storage" | "deployment">,
  ): UseCase<DescribeUserPoolInput, DescribeUserPoolOutput> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const users = await estimatedNumberOfUsers(deps.storage, pool.id);
    return { UserPool: toDescription(pool, deps.deployment, users) };
  };
