import {
  type AuthenticationResultType,
  ConfirmDeviceCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { beforeAll } from "vitest";
import { createConfirmedUser, createPoolAndClient } from "../../support/pool-setup.js";
import type { Backend } from "../../support/server.js";
import { extendSuite, useTestServer } from "../../support/suite-server.js";
import { type DeviceSecret, registerDevice, startDeviceAuth } from "../device-srp-client.js";

export const PASSWORD = "Corr3ct-Horse!";
export const DEVICE_KEY_FORMAT =
  /^[a-z]{2}-[a-z]+-\d_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A server for the enclosing describe block with a pool that tracks devices (challenge on new devices,
 * remembered on user prompt), confirmed users alice, bob, carol and dave, and the device sign-in steps.
 */
export function useDeviceApi(backend: Backend) {
  const ctx = useTestServer({ backend });
  let ids: { userPoolId: string; clientId: string };

  const passwordSignIn = (username: string, deviceKey?: string) =>
    ctx.cognito.send(
      new InitiateAuthCommand({
        ClientId: ids.clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: {
          USERNAME: username,
          PASSWORD: PASSWORD,
          ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}),
        },
      }),
    );

  /** Signs in without a device, confirms the new device; returns its secret and the tokens. */
  async function newConfirmedDevice(username: string, name = "SDK test device") {
    const signedIn = await passwordSignIn(username);
    const result = signedIn.AuthenticationResult as AuthenticationResultType;
    const metadata = result.NewDeviceMetadata;
    const { secret, config } = registerDevice(metadata?.DeviceKey ?? "", metadata?.DeviceGroupKey ?? "");
    const confirmed = await ctx.cognito.send(
      new ConfirmDeviceCommand({
        AccessToken: result.AccessToken,
        DeviceKey: secret.deviceKey,
        DeviceName: name,
        DeviceSecretVerifierConfig: config,
      }),
    );
    return { secret, result, confirmed };
  }

  /** Answers DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER for a sign-in that stopped at DEVICE_SRP_AUTH. */
  async function deviceChallenges(username: string, session: string | undefined, secret: DeviceSecret) {
    const start = startDeviceAuth();
    const verifier = await ctx.cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: ids.clientId,
        ChallengeName: "DEVICE_SRP_AUTH",
        Session: session,
        ChallengeResponses: { USERNAME: username, DEVICE_KEY: secret.deviceKey, SRP_A: start.srpA },
      }),
    );
    return { start, verifier };
  }

  beforeAll(async () => {
    const admin = ctx.cognito;
    ids = await createPoolAndClient(admin, {
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
    });
    for (const name of ["alice", "bob", "carol", "dave"])
      await createConfirmedUser(admin, ids, name, PASSWORD);
  });

  return extendSuite(ctx, {
    /** The admin SDK client (the same as `cognito`). */
    get admin() {
      return ctx.cognito;
    },
    get ids() {
      return ids;
    },
    passwordSignIn,
    newConfirmedDevice,
    deviceChallenges,
  });
}
