import {
  type Device,
  type DeviceView,
  deviceView,
  isDeviceRememberedStatus,
} from "../../domain/device/device.js";
import { InvalidParameterException, ResourceNotFoundException } from "../../domain/errors.js";
import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { AppDependencies } from "../dependencies.js";
import { readPage } from "../user-pools/page-token.js";

// What GetDevice/ListDevices/ForgetDevice/UpdateDeviceStatus and their Admin variants share, once the
// caller has named the user (by access token or by UserPoolId + Username).
// - A device key that is not one of this user's devices: ResourceNotFoundException "Device does not exist."
// - ForgetDevice deletes the device and revokes the sign-ins whose refresh tokens are bound to it, so the
//   forgotten key neither authenticates (DEVICE_SRP_AUTH) nor refreshes any more.
// - ListDevices: oldest first, Limit 0–60 (0 or absent: 60), PaginationToken sealed for this user's listing.

export type DeviceManagementDependencies = Pick<
  AppDependencies,
  "storage" | "clock" | "secretBox" | "deployment"
>;

const MAX_DEVICES_PER_PAGE = 60;
const deviceNotFound = () => new ResourceNotFoundException("Device does not exist.");

export interface DeviceOwner {
  pool: UserPool;
  user: User;
}

export function viewOf(deps: DeviceManagementDependencies, owner: DeviceOwner, device: Device): DeviceView {
  return deviceView(device, {
    username: owner.user.username,
    region: deps.deployment.region,
    accountId: deps.deployment.accountId,
  });
}

export async function requireDevice(
  deps: DeviceManagementDependencies,
  owner: DeviceOwner,
  deviceKey: string,
): Promise<Device> {
  const device = await deps.storage.devices.findDevice(owner.pool.id, owner.user.sub, deviceKey);
  if (!device) throw deviceNotFound();
  return device;
}

export async function getDeviceOf(
  deps: DeviceManagementDependencies,
  owner: DeviceOwner,
  deviceKey: string,
): Promise<{ Device: DeviceView }> {
  return { Device: viewOf(deps, owner, await requireDevice(deps, owner, deviceKey)) };
}

export interface DeviceListing {
  Devices: DeviceView[];
  PaginationToken?: string;
}

export async function listDevicesOf(
  deps: DeviceManagementDependencies,
  owner: DeviceOwner,
  request: { limit: number | undefined; paginationToken: string | undefined; requestId: string },
): Promise<DeviceListing> {
  const limit = request.limit === undefined || request.limit === 0 ? MAX_DEVICES_PER_PAGE : request.limit;
  const page = await readPage(
    deps.secretBox,
    {
      purpose: `cognito-idp:ListDevices:PaginationToken:${owner.pool.id}:${owner.user.sub}`,
      limit,
      nextToken: request.paginationToken,
      requestId: request.requestId,
    },
    (pageRequest) => deps.storage.devices.listDevicesOfUser(owner.pool.id, owner.user.sub, pageRequest),
  );
  const listing: DeviceListing = { Devices: page.items.map((device) => viewOf(deps, owner, device)) };
  if (page.nextToken !== undefined) listing.PaginationToken = page.nextToken;
  return listing;
}

export async function forgetDeviceOf(
  deps: DeviceManagementDependencies,
  owner: DeviceOwner,
  deviceKey: string,
): Promise<void> {
  const now = deps.clock.now();
  const forgotten = await deps.storage.transaction(async (repositories) => {
    const deleted = await repositories.devices.deleteDevice(owner.pool.id, owner.user.sub, deviceKey);
    if (deleted)
      await repositories.refreshTokens.revokeFamiliesOfDevice(owner.pool.id, owner.user.sub, deviceKey, now);
    return deleted;
  });
  if (!forgotten) throw deviceNotFound();
}

export async function updateDeviceStatusOf(
  deps: DeviceManagementDependencies,
  owner: DeviceOwner,
  deviceKey: string,
  status: unknown,
): Promise<void> {
  if (!isDeviceRememberedStatus(status)) {
    throw new InvalidParameterException("DeviceRememberedStatus must be one of: remembered, not_remembered.");
  }
  const updated = await deps.storage.devices.updateRememberedStatus(
    owner.pool.id,
    owner.user.sub,
    deviceKey,
    status,
    deps.clock.now(),
  );
  if (!updated) throw deviceNotFound();
}
