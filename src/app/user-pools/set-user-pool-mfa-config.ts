import { applyMfaConfig, mfaConfigOf } from "../../domain/user-pool/mfa-config.js";
import type { JsonObject } from "../../shared/json.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { nextModificationTime, requireUserPool } from "./user-pool-lookup.js";

export type SetUserPoolMfaConfigInput = JsonObject & { UserPoolId: string };
export type SetUserPoolMfaConfigOutput = JsonObject;

/** Stores the MFA and passkey configuration and returns it as GetUserPoolMfaConfig would. */
export const setUserPoolMfaConfig =
  (
    deps: Pick<AppDependencies, "storage" | "clock" | "deployment">,
  ): UseCase<SetUserPoolMfaConfigInput, SetUserPoolMfaConfigOutput> =>
  async (_context, input) =>
    deps.storage.transaction(async ({ userPools }) => {
      const pool = await requireUserPool(userPools, input.UserPoolId);
      const settings = applyMfaConfig(pool.settings, input, deps.deployment.region);
      await userPools.replaceUserPoolSettings(
        pool.id,
        settings,
        nextModificationTime(deps.clock.now(), pool.lastModifiedAt),
      );
      return mfaConfigOf(settings);
    });
