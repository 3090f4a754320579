import { mfaConfigOf } from "../../domain/user-pool/mfa-config.js";
import type { JsonObject } from "../../shared/json.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface GetUserPoolMfaConfigInput {
  UserPoolId: string;
}
export type GetUserPoolMfaConfigOutput = JsonObject;

export const getUserPoolMfaConfig =
  (deps: Pick<AppDependencies, "storage">): UseCase<GetUserPoolMfaConfigInput, GetUserPoolMfaConfigOutput> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    return mfaConfigOf(pool.settings);
  };
