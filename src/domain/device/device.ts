// A user's remembered (or merely confirmed) device: the device SRP verifier the client registered with
// ConfirmDevice, and what GetDevice/ListDevices report about it (reference §4, "Device SRP").

export type DeviceRememberedStatus = "remembered" | "not_remembered";

export interface Device {
  deviceKey: string;
  userPoolId: string;
  sub: string;
  deviceGroupKey: string;
  /** DeviceSecretVerifierConfig.Salt, as the hex SALT of DEVICE_PASSWORD_VERIFIER. */
  saltHex: string;
  /** The device verifier v, sealed with the master key (purpose DEVICE_VERIFIER_PURPOSE). */
  verifierSealed: string;
  deviceName: string | null;
  rememberedStatus: DeviceRememberedStatus;
  lastIp: string | null;
  createdAt: Date;
  lastModifiedAt: Date;
  lastAuthenticatedAt: Date | null;
}

export const DEVICE_VERIFIER_PURPOSE = "device-srp-verifier";

/** Cognito's device keys: `{region}_{uuid}`. */
export function formatDeviceKey(region: string, uuid: string): string {
  return `${region}_${uuid}`;
}

export function isDeviceRememberedStatus(value: unknown): value is DeviceRememberedStatus {
  return value === "remembered" || value === "not_remembered";
}

/** The pool's DeviceConfiguration; any property set turns device tracking on (Cognito's rule). */
export interface DeviceConfiguration {
  challengeRequiredOnNewDevice: boolean;
  deviceOnlyRememberedOnUserPrompt: boolean;
}

export function deviceConfigurationOf(settings: Record<string, unknown>): DeviceConfiguration | undefined {
  const config = settings.DeviceConfiguration;
  if (!config || typeof config !== "object" || Array.isArray(config)) return undefined;
  const values = config as Record<string, unknown>;
  if (
    values.ChallengeRequiredOnNewDevice === undefined &&
    values.DeviceOnlyRememberedOnUserPrompt === undefined
  )
    return undefined;
  return {
    challengeRequiredOnNewDevice: values.ChallengeRequiredOnNewDevice === true,
    deviceOnlyRememberedOnUserPrompt: values.DeviceOnlyRememberedOnUserPrompt === true,
  };
}

export interface DeviceView {
  DeviceKey: string;
  DeviceAttributes: Array<{ Name: string; Value: string }>;
  DeviceCreateDate: Date;
  DeviceLastModifiedDate: Date;
  DeviceLastAuthenticatedDate?: Date;
}

/** Cognito's DeviceType, with the attribute names GetDevice/ListDevices return. */
export function deviceView(
  device: Device,
  owner: { username: string; region: string; accountId: string },
): DeviceView {
  const ownerName = `${owner.username}.${device.userPoolId}`;
  const attributes = [
    { Name: "device_status", Value: "valid" },
    ...(device.deviceName !== null ? [{ Name: "device_name", Value: device.deviceName }] : []),
    {
      Name: "dev:device_arn",
      Value: `arn:aws:cognito-idp:${owner.region}:${owner.accountId}:owner/${ownerName}/device/${device.deviceKey}`,
    },
    { Name: "dev:device_owner", Value: ownerName },
    ...(device.lastIp !== null ? [{ Name: "last_ip_used", Value: device.lastIp }] : []),
    { Name: "dev:device_remembered_status", Value: device.rememberedStatus },
  ];
  const view: DeviceView = {
    DeviceKey: device.deviceKey,
    DeviceAttributes: attributes,
    DeviceCreateDate: device.createdAt,
    DeviceLastModifiedDate: device.lastModifiedAt,
  };
  if (device.lastAuthenticatedAt) view.DeviceLastAuthenticatedDate = device.lastAuthenticatedAt;
  return view;
}
