import {
  checkResourceServerScopes,
  type ResourceServerScope,
  type ResourceServerView,
  resourceServerNotFound,
  resourceServerView,
} from "../../domain/oauth2/resource-server.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { nextModificationTime, requireUserPool } from "./user-pool-lookup.js";

export interface UpdateResourceServerInput {
  UserPoolId: string;
  Identifier: string;
  Name: string;
  Scopes?: ResourceServerScope[];
}
export interface UpdateResourceServerOutput {
  ResourceServer: ResourceServerView;
}

// Like Cognito's other Update actions this replaces the whole definition: Scopes left out become none.
// Scopes removed here stop being grantable at once (token requests look them up each time).

export const updateResourceServer =
  (
    deps: Pick<AppDependencies, "storage" | "clock">,
  ): UseCase<UpdateResourceServerInput, UpdateResourceServerOutput> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const existing = await deps.storage.resourceServers.findResourceServer(pool.id, input.Identifier);
    if (!existing) throw resourceServerNotFound(input.Identifier);
    const server = {
      ...existing,
      name: input.Name,
      scopes: checkResourceServerScopes(input.Scopes ?? []),
      lastModifiedAt: nextModificationTime(deps.clock.now(), existing.lastModifiedAt),
    };
    if (!(await deps.storage.resourceServers.saveResourceServer(server))) {
      throw resourceServerNotFound(input.Identifier);
    }
    return { ResourceServer: resourceServerView(server) };
  };
