import type { AppDependencies, UseCase } from "../dependencies.js";
import { type DeviceManagementDependencies, updateDeviceStatusOf } from "../devices/device-management.js";
import { requireSignedInUser } from "../users/signed-in-user.js";

export interface UpdateDeviceStatusInput {
  AccessToken: string;
  DeviceKey: string;
  DeviceRememberedStatus?: string;
}

/** Sets one of the signed-in user's devices remembered or not_remembered. */
export const updateDeviceStatus =
  (
    deps: DeviceManagementDependencies & Pick<AppDependencies, "tokens">,
  ): UseCase<UpdateDeviceStatusInput, Record<string, never>> =>
  async (_context, input) => {
    const owner = await requireSignedInUser(deps, input.AccessToken);
    await updateDeviceStatusOf(deps, owner, input.DeviceKey, input.DeviceRememberedStatus);
    return {};
  };
