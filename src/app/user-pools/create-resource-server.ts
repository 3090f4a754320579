import { LimitExceededException } from "../../domain/errors.js";
import {
  checkResourceServerScopes,
  MAX_RESOURCE_SERVERS_PER_POOL,
  type ResourceServerScope,
  type ResourceServerView,
  resourceServerExists,
  resourceServerView,
} from "../../domain/oauth2/resource-server.js";
import { DuplicateKeyError } from "../../ports/storage.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface CreateResourceServerInput {
  UserPoolId: string;
  Identifier: string;
  Name: string;
  Scopes?: ResourceServerScope[];
}
export interface CreateResourceServerOutput {
  ResourceServer: ResourceServerView;
}

/** A new resource server; its scopes become grantable as "<Identifier>/<ScopeName>". */
export const createResourceServer =
  (
    deps: Pick<AppDependencies, "storage" | "clock">,
  ): UseCase<CreateResourceServerInput, CreateResourceServerOutput> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const now = deps.clock.now();
    const server = {
      userPoolId: pool.id,
      identifier: input.Identifier,
      name: input.Name,
      scopes: checkResourceServerScopes(input.Scopes ?? []),
      createdAt: now,
      lastModifiedAt: now,
    };
    let outcome: "created" | "limit-reached";
    try {
      outcome = await deps.storage.resourceServers.insertResourceServer(
        server,
        MAX_RESOURCE_SERVERS_PER_POOL,
      );
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw resourceServerExists(input.Identifier);
      throw error;
    }
    if (outcome === "limit-reached") {
      throw new LimitExceededException(
        `The user pool already has the maximum number of resource servers (${MAX_RESOURCE_SERVERS_PER_POOL}).`,
      );
    }
    return { ResourceServer: resourceServerView(server) };
  };
