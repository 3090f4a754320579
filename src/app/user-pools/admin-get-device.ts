import type { DeviceView } from "../../domain/device/device.js";
import type { UseCase } from "../dependencies.js";
import { type DeviceManagementDependencies, getDeviceOf } from "../devices/device-management.js";
import { requireUser } from "../users/user-directory.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface AdminGetDeviceInput {
  UserPoolId: string;
  Username: string;
  DeviceKey: string;
}

/** One device of the user named by username, alias or sub. */
export const adminGetDevice =
  (deps: DeviceManagementDependencies): UseCase<AdminGetDeviceInput, { Device: DeviceView }> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    return getDeviceOf(deps, { pool, user }, input.DeviceKey);
  };
