import {
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  AdminUpdateDeviceStatusCommand,
  ConfirmDeviceCommand,
  DescribeUserPoolCommand,
  ForgetDeviceCommand,
  GetDeviceCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  UpdateDeviceStatusCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { createConfirmedUser, createPoolAndClient } from "../support/pool-setup.js";
import { testBackends } from "../support/server.js";
import { registerDevice } from "./device-srp-client.js";
import { DEVICE_KEY_FORMAT, PASSWORD, useDeviceApi } from "./support/device-api-setup.js";

const backends = await testBackends();

describe.each(backends)("device API with the AWS SDK on %s", (backend) => {
  const ctx = useDeviceApi(backend);
  const { newConfirmedDevice } = ctx;

  it("lists, updates and forgets devices for the user and for an administrator", async () => {
    const first = await newConfirmedDevice("dave", "first");
    const second = await newConfirmedDevice("dave", "second");
    const accessToken = second.result.AccessToken;
    const listed = await ctx.admin.send(new ListDevicesCommand({ AccessToken: accessToken, Limit: 1 }));
    expect(listed.Devices?.map((device) => device.DeviceKey)).toEqual([first.secret.deviceKey]);
    expect(listed.PaginationToken).toBeTruthy();
    const rest = await ctx.admin.send(
      new ListDevicesCommand({ AccessToken: accessToken, Limit: 1, PaginationToken: listed.PaginationToken }),
    );
    expect(rest.Devices?.map((device) => device.DeviceKey)).toEqual([second.secret.deviceKey]);
    expect(rest.PaginationToken).toBeUndefined();
    const byAdmin = await ctx.admin.send(
      new AdminListDevicesCommand({ UserPoolId: ctx.ids.userPoolId, Username: "dave" }),
    );
    expect(byAdmin.Devices?.map((device) => device.DeviceKey)).toEqual([
      first.secret.deviceKey,
      second.secret.deviceKey,
    ]);
    await expect(
      ctx.admin.send(
        new AdminListDevicesCommand({
          UserPoolId: ctx.ids.userPoolId,
          Username: "dave",
          PaginationToken: "forged",
        }),
      ),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });

    const statusOf = async (deviceKey: string) => {
      const got = await ctx.admin.send(
        new AdminGetDeviceCommand({ UserPoolId: ctx.ids.userPoolId, Username: "dave", DeviceKey: deviceKey }),
      );
      return got.Device?.DeviceAttributes?.find((a) => a.Name === "dev:device_remembered_status")?.Value;
    };
    await ctx.admin.send(
      new UpdateDeviceStatusCommand({
        AccessToken: accessToken,
        DeviceKey: first.secret.deviceKey,
        DeviceRememberedStatus: "remembered",
      }),
    );
    expect(await statusOf(first.secret.deviceKey)).toBe("remembered");
    await ctx.admin.send(
      new AdminUpdateDeviceStatusCommand({
        UserPoolId: ctx.ids.userPoolId,
        Username: "dave",
        DeviceKey: first.secret.deviceKey,
        DeviceRememberedStatus: "not_remembered",
      }),
    );
    expect(await statusOf(first.secret.deviceKey)).toBe("not_remembered");

    await expect(
      ctx.admin.send(
        new UpdateDeviceStatusCommand({ AccessToken: accessToken, DeviceKey: first.secret.deviceKey }),
      ),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
    await expect(
      ctx.admin.send(new ListDevicesCommand({ AccessToken: accessToken, Limit: 61 })),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });

    const unknownKey = `${ctx.ids.userPoolId.split("_")[0]}_11111111-1111-4111-8111-111111111111`;
    for (const call of [
      () => ctx.admin.send(new GetDeviceCommand({ AccessToken: accessToken, DeviceKey: unknownKey })),
      () =>
        ctx.admin.send(
          new UpdateDeviceStatusCommand({
            AccessToken: accessToken,
            DeviceKey: unknownKey,
            DeviceRememberedStatus: "remembered",
          }),
        ),
      () => ctx.admin.send(new ForgetDeviceCommand({ AccessToken: accessToken, DeviceKey: unknownKey })),
      () =>
        ctx.admin.send(
          new AdminForgetDeviceCommand({
            UserPoolId: ctx.ids.userPoolId,
            Username: "dave",
            DeviceKey: unknownKey,
          }),
        ),
      // Another user's device is not found either.
      () =>
        ctx.admin.send(
          new AdminGetDeviceCommand({
            UserPoolId: ctx.ids.userPoolId,
            Username: "alice",
            DeviceKey: first.secret.deviceKey,
          }),
        ),
    ]) {
      await expect(call()).rejects.toMatchObject({
        name: "ResourceNotFoundException",
        message: "Device does not exist.",
      });
    }
    await expect(
      ctx.admin.send(
        new AdminGetDeviceCommand({
          UserPoolId: ctx.ids.userPoolId,
          Username: "nobody",
          DeviceKey: unknownKey,
        }),
      ),
    ).rejects.toMatchObject({ name: "UserNotFoundException" });
    await expect(
      ctx.admin.send(new GetDeviceCommand({ AccessToken: "not-a-token", DeviceKey: unknownKey })),
    ).rejects.toMatchObject({ name: "NotAuthorizedException" });

    await ctx.admin.send(
      new AdminForgetDeviceCommand({
        UserPoolId: ctx.ids.userPoolId,
        Username: "dave",
        DeviceKey: first.secret.deviceKey,
      }),
    );
    const remaining = await ctx.admin.send(new ListDevicesCommand({ AccessToken: accessToken }));
    expect(remaining.Devices?.map((device) => device.DeviceKey)).toEqual([second.secret.deviceKey]);
  });

  it("tracks no devices when the pool has no DeviceConfiguration", async () => {
    const plain = await createPoolAndClient(ctx.admin);
    await createConfirmedUser(ctx.admin, plain, "erin", PASSWORD);
    const signedIn = await ctx.admin.send(
      new InitiateAuthCommand({
        ClientId: plain.clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "erin", PASSWORD: PASSWORD },
      }),
    );
    expect(signedIn.AuthenticationResult?.NewDeviceMetadata).toBeUndefined();
    expect(decodeJwt(signedIn.AuthenticationResult?.AccessToken ?? "").device_key).toBeUndefined();
    await expect(
      ctx.admin.send(
        new ConfirmDeviceCommand({
          AccessToken: signedIn.AuthenticationResult?.AccessToken,
          DeviceKey: `${plain.userPoolId.split("_")[0]}_22222222-2222-4222-8222-222222222222`,
          DeviceSecretVerifierConfig: { Salt: "AAEC", PasswordVerifier: "AAEC" },
        }),
      ),
    ).rejects.toMatchObject({ name: "InvalidUserPoolConfigurationException" });

    // Turning tracking on with UpdateUserPool: the next sign-in gets a device key.
    await ctx.admin.send(
      new UpdateUserPoolCommand({
        UserPoolId: plain.userPoolId,
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false },
      }),
    );
    const described = await ctx.admin.send(new DescribeUserPoolCommand({ UserPoolId: plain.userPoolId }));
    expect(described.UserPool?.DeviceConfiguration).toEqual({
      ChallengeRequiredOnNewDevice: false,
      DeviceOnlyRememberedOnUserPrompt: false,
    });
    const tracked = await ctx.admin.send(
      new InitiateAuthCommand({
        ClientId: plain.clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "erin", PASSWORD: PASSWORD },
      }),
    );
    const metadata = tracked.AuthenticationResult?.NewDeviceMetadata;
    expect(metadata?.DeviceKey).toMatch(DEVICE_KEY_FORMAT);
    const { config } = registerDevice(metadata?.DeviceKey ?? "", metadata?.DeviceGroupKey ?? "");
    const confirmed = await ctx.admin.send(
      new ConfirmDeviceCommand({
        AccessToken: tracked.AuthenticationResult?.AccessToken,
        DeviceKey: metadata?.DeviceKey,
        DeviceSecretVerifierConfig: config,
      }),
    );
    // Without the user prompt the device is remembered at once.
    expect(confirmed.UserConfirmationNecessary).toBe(false);
    const got = await ctx.admin.send(
      new GetDeviceCommand({
        AccessToken: tracked.AuthenticationResult?.AccessToken,
        DeviceKey: metadata?.DeviceKey,
      }),
    );
    expect(got.Device?.DeviceAttributes).toContainEqual({
      Name: "dev:device_remembered_status",
      Value: "remembered",
    });
  });
});
