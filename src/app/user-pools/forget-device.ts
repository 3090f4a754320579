import type { AppDependencies, UseCase } from "../dependencies.js";
import { type DeviceManagementDependencies, forgetDeviceOf } from "../devices/device-management.js";
import { requireSignedInUser } from "../users/signed-in-user.js";

export interface ForgetDeviceInput {
  AccessToken?: string;
  DeviceKey: string;
}

/** Forgets one of the signed-in user's devices; its key and its refresh tokens stop working. */
export const forgetDevice =
  (
    deps: DeviceManagementDependencies & Pick<AppDependencies, "tokens">,
  ): UseCase<ForgetDeviceInput, Record<string, never>> =>
  async (_context, input) => {
    const owner = await requireSignedInUser(deps, input.AccessToken ?? "");
    await forgetDeviceOf(deps, owner, input.DeviceKey);
    return {};
  };
