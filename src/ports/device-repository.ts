import type { Device, DeviceRememberedStatus } from "../domain/device/device.js";
import type { Page, PageRequest } from "./storage.js";

/** Devices confirmed with ConfirmDevice; every read is scoped to the owning user. */
export interface DeviceRepository {
  /** Fails with a DuplicateKey storage error when the device key is already stored. */
  insertDevice(device: Device): Promise<void>;
  findDevice(userPoolId: string, sub: string, deviceKey: string): Promise<Device | undefined>;
  /** The user's devices, oldest first; cursor is opaque to callers. */
  listDevicesOfUser(userPoolId: string, sub: string, page: PageRequest): Promise<Page<Device>>;
  /** Returns false when the user has no such device. */
  updateRememberedStatus(
    userPoolId: string,
    sub: string,
    deviceKey: string,
    status: DeviceRememberedStatus,
    at: Date,
  ): Promise<boolean>;
  /** A successful device authentication: last-authenticated date and, when known, the caller's IP. */
  recordDeviceSignIn(
    userPoolId: string,
    sub: string,
    deviceKey: string,
    at: Date,
    ip: string | undefined,
  ): Promise<void>;
  /** Returns false when the user has no such device. */
  deleteDevice(userPoolId: string, sub: string, deviceKey: string): Promise<boolean>;
  /** Every device of a pool; only these users' when `subs` is given (export). */
  listDevicesOfPool(userPoolId: string, subs?: readonly string[]): Promise<Device[]>;
}
