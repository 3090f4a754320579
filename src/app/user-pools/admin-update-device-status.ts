import type { UseCase } from "../dependencies.js";
import { type DeviceManagementDependencies, updateDeviceStatusOf } from "../devices/device-management.js";
import { requireUser } from "../users/user-directory.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface AdminUpdateDeviceStatusInput {
  UserPoolId: string;
  Username: string;
  DeviceKey: string;
  DeviceRememberedStatus?: string;
}

/** Sets a device of the user remembered or not_remembered. */
export const adminUpdateDeviceStatus =
  (deps: DeviceManagementDependencies): UseCase<AdminUpdateDeviceStatusInput, Record<string, never>> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    await updateDeviceStatusOf(deps, { pool, user }, input.DeviceKey, input.DeviceRememberedStatus);
    return {};
  };
