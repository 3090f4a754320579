import { checkPoolName } from "../../domain/user-pool/pool-name.js";
import { updateUserPoolSettings } from "../../domain/user-pool/pool-settings.js";
import type { JsonObject } from "../../shared/json.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { nextModificationTime, requireUserPool } from "./user-pool-lookup.js";

/** UpdateUserPoolRequest as parsed JSON (already checked against the model). */
export type UpdateUserPoolInput = JsonObject & { UserPoolId: string };
export type UpdateUserPoolOutput = Record<string, never>;

/**
 * Replaces the pool's configuration as Cognito does: what the request omits returns to its default;
 * the schema and sign-in attributes stay as created (pool-settings.ts lists exactly what is kept).
 */
export const updateUserPool =
  (
    deps: Pick<AppDependencies, "storage" | "clock" | "deployment">,
  ): UseCase<UpdateUserPoolInput, UpdateUserPoolOutput> =>
  async (_context, input) => {
    if (input.PoolName !== undefined) checkPoolName(input.PoolName);
    await deps.storage.transaction(async ({ userPools }) => {
      const pool = await requireUserPool(userPools, input.UserPoolId);
      const settings = updateUserPoolSettings(pool.settings, input, deps.deployment.region);
      await userPools.replaceUserPoolSettings(
        pool.id,
        settings,
        nextModificationTime(deps.clock.now(), pool.lastModifiedAt),
      );
    });
    return {};
  };
