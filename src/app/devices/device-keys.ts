import { formatDeviceKey } from "../../domain/device/device.js";
import type { AppDependencies } from "../dependencies.js";

// NewDeviceMetadata: a fresh device key `{region}_{uuid}` (the region is the pool's, as in its id) and the
// user's device group key. The group key is derived (keyed hash of pool and user), so nothing is stored
// until ConfirmDevice, which recomputes it: sign-ins that never confirm their device leave no rows.

const GROUP_KEY_PURPOSE = "device-group-key";
const GROUP_KEY_LENGTH = 9;

export interface NewDeviceMetadata {
  DeviceKey: string;
  DeviceGroupKey: string;
}

export function deviceGroupKeyOf(
  deps: Pick<AppDependencies, "secretHasher">,
  userPoolId: string,
  sub: string,
): string {
  const digest = deps.secretHasher.hash(`${userPoolId}/${sub}`, GROUP_KEY_PURPOSE);
  return `-${digest.replace(/[^A-Za-z0-9]/g, "").slice(0, GROUP_KEY_LENGTH)}`;
}

export function newDeviceMetadata(
  deps: Pick<AppDependencies, "secretHasher" | "random">,
  userPoolId: string,
  sub: string,
): NewDeviceMetadata {
  const region = userPoolId.slice(0, userPoolId.indexOf("_"));
  return {
    DeviceKey: formatDeviceKey(region, deps.random.uuid()),
    DeviceGroupKey: deviceGroupKeyOf(deps, userPoolId, sub),
  };
}
