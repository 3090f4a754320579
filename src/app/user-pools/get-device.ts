import type { DeviceView } from "../../domain/device/device.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { type DeviceManagementDependencies, getDeviceOf } from "../devices/device-management.js";
import { requireSignedInUser } from "../users/signed-in-user.js";

export interface GetDeviceInput {
  AccessToken?: string;
  DeviceKey: string;
}

/** One of the signed-in user's devices (ResourceNotFoundException "Device does not exist." otherwise). */
export const getDevice =
  (
    deps: DeviceManagementDependencies & Pick<AppDependencies, "tokens">,
  ): UseCase<GetDeviceInput, { Device: DeviceView }> =>
  async (_context, input) => {
    const owner = await requireSignedInUser(deps, input.AccessToken ?? "");
    return getDeviceOf(deps, owner, input.DeviceKey);
  };
