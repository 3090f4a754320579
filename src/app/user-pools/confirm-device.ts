import { deviceVerifierFromConfig } from "../../domain/auth/srp/index.js";
import { DEVICE_VERIFIER_PURPOSE, type Device, deviceConfigurationOf } from "../../domain/device/device.js";
import {
  DeviceKeyExistsException,
  InvalidParameterException,
  InvalidUserPoolConfigurationException,
  ResourceNotFoundException,
} from "../../domain/errors.js";
import { DuplicateKeyError } from "../../ports/storage.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { deviceGroupKeyOf } from "../devices/device-keys.js";
import { requireSignedInUser } from "../users/signed-in-user.js";

export interface ConfirmDeviceInput {
  AccessToken: string;
  DeviceKey: string;
  DeviceSecretVerifierConfig?: { Salt?: string; PasswordVerifier?: string };
  DeviceName?: string;
}

// ConfirmDevice: registers the device SRP verifier for the NewDeviceMetadata of a sign-in.
// - The access token must be one issued with that device key (its device_key claim): a client cannot
//   claim a key it was not given. Otherwise ResourceNotFoundException "Device does not exist."
// - A device confirmed twice: DeviceKeyExistsException.
// - DeviceOnlyRememberedOnUserPrompt: the device starts not_remembered and UserConfirmationNecessary is
//   true (the app asks the user, then calls UpdateDeviceStatus); otherwise it is remembered at once.
// - The verifier is sealed with the master key; the salt is kept as the hex SALT the challenge returns.

export const confirmDevice =
  (
    deps: Pick<AppDependencies, "storage" | "tokens" | "clock" | "secretBox" | "secretHasher">,
  ): UseCase<ConfirmDeviceInput, { UserConfirmationNecessary: boolean }> =>
  async (context, input) => {
    const { user, pool, token } = await requireSignedInUser(deps, input.AccessToken);
    const config = deviceConfigurationOf(pool.settings);
    if (!config) {
      throw new InvalidUserPoolConfigurationException(
        "Device tracking is not enabled for this user pool (DeviceConfiguration).",
      );
    }
    if (token.deviceKey !== input.DeviceKey) throw new ResourceNotFoundException("Device does not exist.");
    const verifier = deviceVerifierFromConfig({
      salt: input.DeviceSecretVerifierConfig?.Salt ?? "",
      passwordVerifier: input.DeviceSecretVerifierConfig?.PasswordVerifier ?? "",
    });
    if (!verifier) {
      throw new InvalidParameterException(
        "DeviceSecretVerifierConfig must carry a base64 Salt and PasswordVerifier.",
      );
    }
    const now = deps.clock.now();
    const device: Device = {
      deviceKey: input.DeviceKey,
      userPoolId: pool.id,
      sub: user.sub,
      deviceGroupKey: deviceGroupKeyOf(deps, pool.id, user.sub),
      saltHex: verifier.saltHex,
      verifierSealed: deps.secretBox.seal(verifier.verifierHex, DEVICE_VERIFIER_PURPOSE),
      deviceName: input.DeviceName ?? null,
      rememberedStatus: config.deviceOnlyRememberedOnUserPrompt ? "not_remembered" : "remembered",
      lastIp: context.sourceIp || null,
      createdAt: now,
      lastModifiedAt: now,
      // The sign-in that issued this key just authenticated the device.
      lastAuthenticatedAt: now,
    };
    try {
      await deps.storage.devices.insertDevice(device);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw new DeviceKeyExistsException("Device already exists.");
      throw error;
    }
    return { UserConfirmationNecessary: config.deviceOnlyRememberedOnUserPrompt };
  };
