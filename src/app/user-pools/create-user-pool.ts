import { describeUserPool, type UserPoolDescription } from "../../domain/user-pool/describe.js";
import { newUserPoolId } from "../../domain/user-pool/pool-id.js";
import { checkPoolName } from "../../domain/user-pool/pool-name.js";
import { createUserPoolSettings } from "../../domain/user-pool/pool-settings.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import { DuplicateKeyError } from "../../ports/storage.js";
import type { JsonObject } from "../../shared/json.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { estimatedNumberOfUsers } from "./user-pool-lookup.js";

/** CreateUserPoolRequest as parsed JSON (already checked against the model). */
export type CreateUserPoolInput = JsonObject;
export interface CreateUserPoolOutput {
  UserPool: UserPoolDescription;
}

/** Ids are random, so a collision is astronomically rare; a few fresh draws settle it. */
const ID_ATTEMPTS = 3;

export const createUserPool =
  (
    deps: Pick<AppDependencies, "storage" | "clock" | "random" | "deployment">,
  ): UseCase<CreateUserPoolInput, CreateUserPoolOutput> =>
  async (_context, input) => {
    checkPoolName(input.PoolName);
    const settings = createUserPoolSettings(input, deps.deployment.region);
    const now = deps.clock.now();
    for (let attempt = 1; ; attempt++) {
      const pool: UserPool = {
        id: newUserPoolId(deps.deployment.region, deps.random.bytes),
        settings,
        createdAt: now,
        lastModifiedAt: now,
      };
      try {
        await deps.storage.userPools.insertUserPool(pool);
      } catch (error) {
        if (error instanceof DuplicateKeyError && attempt < ID_ATTEMPTS) continue;
        throw error;
      }
      const users = await estimatedNumberOfUsers(deps.storage, pool.id);
      return { UserPool: describeUserPool(pool, deps.deployment, users) };
    }
  };
