import type { UseCase } from "../dependencies.js";
import { type DeviceManagementDependencies, forgetDeviceOf } from "../devices/device-management.js";
import { requireUser } from "../users/user-directory.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface AdminForgetDeviceInput {
  UserPoolId: string;
  Username: string;
  DeviceKey: string;
}

/** Forgets a device of the user; its key and its refresh tokens stop working. */
export const adminForgetDevice =
  (deps: DeviceManagementDependencies): UseCase<AdminForgetDeviceInput, Record<string, never>> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    await forgetDeviceOf(deps, { pool, user }, input.DeviceKey);
    return {};
  };
