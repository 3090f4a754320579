import { resourceServerNotFound } from "../../domain/oauth2/resource-server.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface DeleteResourceServerInput {
  UserPoolId: string;
  Identifier: string;
}

/** Its scopes stop being grantable at once; tokens already issued keep them until they expire. */
export const deleteResourceServer =
  (deps: Pick<AppDependencies, "storage">): UseCase<DeleteResourceServerInput, object> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    if (!(await deps.storage.resourceServers.deleteResourceServer(pool.id, input.Identifier))) {
      throw resourceServerNotFound(input.Identifier);
    }
    return {};
  };
