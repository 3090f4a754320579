import type { UseCase } from "../dependencies.js";
import {
  type DeviceListing,
  type DeviceManagementDependencies,
  listDevicesOf,
} from "../devices/device-management.js";
import { requireUser } from "../users/user-directory.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface AdminListDevicesInput {
  UserPoolId: string;
  Username: string;
  Limit?: number;
  PaginationToken?: string;
}

/** The devices of the user named by username, alias or sub, oldest first. */
export const adminListDevices =
  (deps: DeviceManagementDependencies): UseCase<AdminListDevicesInput, DeviceListing> =>
  async (context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const user = await requireUser(deps.storage.users, pool, input.Username);
    return listDevicesOf(
      deps,
      { pool, user },
      { limit: input.Limit, paginationToken: input.PaginationToken, requestId: context.requestId },
    );
  };
