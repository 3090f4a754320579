import type { AppDependencies, UseCase } from "../dependencies.js";
import {
  type DeviceListing,
  type DeviceManagementDependencies,
  listDevicesOf,
} from "../devices/device-management.js";
import { requireSignedInUser } from "../users/signed-in-user.js";

export interface ListDevicesInput {
  AccessToken: string;
  Limit?: number;
  PaginationToken?: string;
}

/** The signed-in user's confirmed devices, oldest first. */
export const listDevices =
  (
    deps: DeviceManagementDependencies & Pick<AppDependencies, "tokens">,
  ): UseCase<ListDevicesInput, DeviceListing> =>
  async (context, input) => {
    const owner = await requireSignedInUser(deps, input.AccessToken);
    return listDevicesOf(deps, owner, {
      limit: input.Limit,
      paginationToken: input.PaginationToken,
      requestId: context.requestId,
    });
  };
