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
    const description = toDescription(pool, deps.deployment, users);
    // UserPoolType.Domain is the prefix alone and CustomDomain the host name, each only when configured.
    const [prefix, custom] = await Promise.all([
      deps.storage.userPoolDomains.findUserPoolDomainOfPool(pool.id, "prefix"),
      deps.storage.userPoolDomains.findUserPoolDomainOfPool(pool.id, "custom"),
    ]);
    if (prefix) description.Domain = prefix.domain;
    if (custom) description.CustomDomain = custom.domain;
    return { UserPool: description };
  };
