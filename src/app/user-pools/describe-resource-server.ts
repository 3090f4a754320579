import {
  type ResourceServerView,
  resourceServerNotFound,
  resourceServerView,
} from "../../domain/oauth2/resource-server.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface DescribeResourceServerInput {
  UserPoolId: string;
  Identifier: string;
}
export interface DescribeResourceServerOutput {
  ResourceServer: ResourceServerView;
}

export const describeResourceServer =
  (
    deps: Pick<AppDependencies, "storage">,
  ): UseCase<DescribeResourceServerInput, DescribeResourceServerOutput> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const server = await deps.storage.resourceServers.findResourceServer(pool.id, input.Identifier);
    if (!server) throw resourceServerNotFound(input.Identifier);
    return { ResourceServer: resourceServerView(server) };
  };
