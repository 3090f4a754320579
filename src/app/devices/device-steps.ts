import { type Device, deviceConfigurationOf } from "../../domain/device/device.js";
import { ResourceNotFoundException } from "../../domain/errors.js";
import type { User } from "../../domain/user/user.js";
import { sealAuthSession, sessionExpiry } from "../auth-flows/auth-session.js";
import type { AuthResponse, SignInDependencies, SignInOptions, SignInTarget } from "../auth-flows/sign-in.js";
import { type NewDeviceMetadata, newDeviceMetadata } from "./device-keys.js";

// Where remembered devices enter a sign-in (reference §4, "Device SRP"), in a pool whose DeviceConfiguration
// turns tracking on:
// - A DEVICE_KEY that is not a device of this user: ResourceNotFoundException "Device does not exist."
//   (amazon-cognito-identity-js then drops its cached device and answers again without it).
// - Before MFA: a remembered device, when ChallengeRequiredOnNewDevice is true, goes to DEVICE_SRP_AUTH
//   and, once proved, straight to tokens: the device stands in for the second factor.
// - At the tokens, straight after the password (no MFA): any other known device goes through
//   DEVICE_SRP_AUTH first. After MFA a known device is not challenged (amazon-cognito-identity-js would
//   answer with the MFA step's Session): the tokens are bound to it. Without a known device the tokens
//   carry a new device key (claim `device_key`, bound refresh token) and the answer carries
//   NewDeviceMetadata for ConfirmDevice.

export type DeviceStepDependencies = Pick<
  SignInDependencies,
  "storage" | "clock" | "secretBox" | "secretHasher" | "random"
>;

/** The device the client presented, when the pool tracks devices; unknown keys are refused. */
async function presentedDevice(
  deps: DeviceStepDependencies,
  target: SignInTarget,
  user: User,
  deviceKey: string | undefined,
): Promise<Device | undefined> {
  if (!deviceKey) return undefined;
  const device = await deps.storage.devices.findDevice(target.pool.id, user.sub, deviceKey);
  if (!device) throw new ResourceNotFoundException("Device does not exist.");
  return device;
}

/** The DEVICE_SRP_AUTH challenge for a known device of the user. */
export function deviceSrpAuthChallenge(
  deps: DeviceStepDependencies,
  target: SignInTarget,
  user: User,
  deviceKey: string,
): AuthResponse {
  const session = sealAuthSession(deps.secretBox, {
    poolId: target.pool.id,
    clientId: target.client.clientId,
    sub: user.sub,
    username: user.username,
    challenge: "DEVICE_SRP_AUTH",
    expiresAt: sessionExpiry(target.client.settings, deps.clock.now()),
    deviceKey,
  });
  return {
    ChallengeName: "DEVICE_SRP_AUTH",
    Session: session,
    ChallengeParameters: { USERNAME: user.username },
  };
}

/** Tracking is skipped when the caller discards the engine's tokens (the hosted UI mints its own). */
function trackingOf(target: SignInTarget, options: SignInOptions) {
  return options.preTokenGeneration === false ? undefined : deviceConfigurationOf(target.pool.settings);
}

/** After the password: a remembered device replaces MFA (ChallengeRequiredOnNewDevice). */
export async function deviceChallengeBeforeMfa(
  deps: DeviceStepDependencies,
  target: SignInTarget,
  user: User,
  options: SignInOptions,
): Promise<AuthResponse | undefined> {
  const config = trackingOf(target, options);
  if (!config || options.deviceAuthenticated) return undefined;
  const device = await presentedDevice(deps, target, user, options.deviceKey);
  if (!device || !config.challengeRequiredOnNewDevice || device.rememberedStatus !== "remembered")
    return undefined;
  return deviceSrpAuthChallenge(deps, target, user, device.deviceKey);
}

export type TokenDeviceStep =
  | { kind: "challenge"; response: AuthResponse }
  | { kind: "tokens"; deviceKey?: string; newDevice?: NewDeviceMetadata };

/** Just before the tokens: device SRP for a known device, else a new device key. */
export async function deviceStepAtTokens(
  deps: DeviceStepDependencies,
  target: SignInTarget,
  user: User,
  options: SignInOptions,
): Promise<TokenDeviceStep> {
  const config = trackingOf(target, options);
  if (!config) return { kind: "tokens" };
  if (options.deviceAuthenticated && options.deviceKey)
    return { kind: "tokens", deviceKey: options.deviceKey };
  const device = await presentedDevice(deps, target, user, options.deviceKey);
  if (device && options.deviceChallengeAtTokens)
    return { kind: "challenge", response: deviceSrpAuthChallenge(deps, target, user, device.deviceKey) };
  if (device) return { kind: "tokens", deviceKey: device.deviceKey };
  const metadata = newDeviceMetadata(deps, target.pool.id, user.sub);
  return { kind: "tokens", deviceKey: metadata.DeviceKey, newDevice: metadata };
}
