import {
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  AdminUpdateDeviceStatusCommand,
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
  ConfirmDeviceCommand,
  DescribeUserPoolCommand,
  ForgetDeviceCommand,
  GetDeviceCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  RespondToAuthChallengeCommand,
  UpdateDeviceStatusCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfirmedUser, createPoolAndClient } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { type DeviceSecret, proveDevice, registerDevice, startDeviceAuth } from "./device-srp-client.js";

const backends = await testBackends();
const PASSWORD = "Corr3ct-Horse!";
const DEVICE_KEY_FORMAT = /^[a-z]{2}-[a-z]+-\d_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(backends)("device API with the AWS SDK on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let ids: { userPoolId: string; clientId: string };

  const passwordSignIn = (username: string, deviceKey?: string) =>
    admin.send(
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
    const confirmed = await admin.send(
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
    const verifier = await admin.send(
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
    server = await startTestServer({ backend });
    admin = server.adminClient();
    ids = await createPoolAndClient(admin, {
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
    });
    for (const name of ["alice", "bob", "carol", "dave"])
      await createConfirmedUser(admin, ids, name, PASSWORD);
  });
  afterAll(async () => {
    await server.stop();
  });

  it("stores and returns DeviceConfiguration", async () => {
    const described = await admin.send(new DescribeUserPoolCommand({ UserPoolId: ids.userPoolId }));
    expect(described.UserPool?.DeviceConfiguration).toEqual({
      ChallengeRequiredOnNewDevice: true,
      DeviceOnlyRememberedOnUserPrompt: true,
    });
  });

  it("answers a sign-in without a device with NewDeviceMetadata and binds the tokens to it", async () => {
    const signedIn = await passwordSignIn("alice");
    const metadata = signedIn.AuthenticationResult?.NewDeviceMetadata;
    expect(metadata?.DeviceKey).toMatch(DEVICE_KEY_FORMAT);
    expect(metadata?.DeviceKey?.startsWith(`${ids.userPoolId.split("_")[0]}_`)).toBe(true);
    expect(metadata?.DeviceGroupKey).toMatch(/^-[A-Za-z0-9]{9}$/);
    const claims = decodeJwt(signedIn.AuthenticationResult?.AccessToken ?? "");
    expect(claims.device_key).toBe(metadata?.DeviceKey);
    // Another sign-in, another key; the same user keeps one group key.
    const again = await passwordSignIn("alice");
    expect(again.AuthenticationResult?.NewDeviceMetadata?.DeviceKey).not.toBe(metadata?.DeviceKey);
    expect(again.AuthenticationResult?.NewDeviceMetadata?.DeviceGroupKey).toBe(metadata?.DeviceGroupKey);
  });

  it("confirms a device (UserConfirmationNecessary on user prompt) and reports it", async () => {
    const { secret, confirmed, result } = await newConfirmedDevice("alice", "Alice's laptop");
    expect(confirmed.UserConfirmationNecessary).toBe(true);
    const got = await admin.send(
      new GetDeviceCommand({ AccessToken: result.AccessToken, DeviceKey: secret.deviceKey }),
    );
    const attributes = Object.fromEntries(
      (got.Device?.DeviceAttributes ?? []).map((attribute) => [attribute.Name, attribute.Value]),
    );
    expect(got.Device?.DeviceKey).toBe(secret.deviceKey);
    expect(attributes).toMatchObject({
      device_status: "valid",
      device_name: "Alice's laptop",
      "dev:device_remembered_status": "not_remembered",
      "dev:device_owner": `alice.${ids.userPoolId}`,
    });
    expect(attributes["dev:device_arn"]).toMatch(
      new RegExp(
        `^arn:aws:cognito-idp:[a-z0-9-]+:\\d{12}:owner/alice\\.${ids.userPoolId}/device/${secret.deviceKey}$`,
      ),
    );
    expect(attributes.last_ip_used).toBeTruthy();
    expect(got.Device?.DeviceCreateDate).toBeInstanceOf(Date);
    expect(got.Device?.DeviceLastModifiedDate).toBeInstanceOf(Date);

    await expect(
      admin.send(
        new ConfirmDeviceCommand({
          AccessToken: result.AccessToken,
          DeviceKey: secret.deviceKey,
          DeviceSecretVerifierConfig: registerDevice(secret.deviceKey, secret.deviceGroupKey).config,
        }),
      ),
    ).rejects.toMatchObject({ name: "DeviceKeyExistsException" });
  });

  it("refuses ConfirmDevice without a usable verifier", async () => {
    const signedIn = await passwordSignIn("bob");
    const metadata = signedIn.AuthenticationResult?.NewDeviceMetadata;
    for (const config of [
      undefined,
      { Salt: "", PasswordVerifier: "AAEC" },
      { Salt: "AAEC", PasswordVerifier: "AAAA" },
    ]) {
      await expect(
        admin.send(
          new ConfirmDeviceCommand({
            AccessToken: signedIn.AuthenticationResult?.AccessToken,
            DeviceKey: metadata?.DeviceKey,
            ...(config ? { DeviceSecretVerifierConfig: config } : {}),
          }),
        ),
      ).rejects.toMatchObject({ name: "InvalidParameterException" });
    }
  });

  it("refuses ConfirmDevice for a key the token was not issued with", async () => {
    const signedIn = await passwordSignIn("bob");
    const otherKey = `${ids.userPoolId.split("_")[0]}_00000000-0000-4000-8000-000000000000`;
    await expect(
      admin.send(
        new ConfirmDeviceCommand({
          AccessToken: signedIn.AuthenticationResult?.AccessToken,
          DeviceKey: otherKey,
          DeviceSecretVerifierConfig: registerDevice(otherKey, "-abcdefghi").config,
        }),
      ),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException", message: "Device does not exist." });
  });

  it("authenticates a known device with DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER", async () => {
    const { secret } = await newConfirmedDevice("bob");
    const before = await admin.send(
      new AdminGetDeviceCommand({ UserPoolId: ids.userPoolId, Username: "bob", DeviceKey: secret.deviceKey }),
    );
    const started = await passwordSignIn("bob", secret.deviceKey);
    expect(started.ChallengeName).toBe("DEVICE_SRP_AUTH");
    expect(started.AuthenticationResult).toBeUndefined();
    const { start, verifier } = await deviceChallenges("bob", started.Session, secret);
    expect(verifier.ChallengeName).toBe("DEVICE_PASSWORD_VERIFIER");
    expect(verifier.ChallengeParameters).toMatchObject({ USERNAME: "bob", DEVICE_KEY: secret.deviceKey });
    expect(verifier.ChallengeParameters?.SALT).toMatch(/^[0-9a-f]+$/);
    expect(verifier.ChallengeParameters?.SRP_B).toMatch(/^[0-9a-f]+$/);

    const done = await admin.send(
      new RespondToAuthChallengeCommand({
        ClientId: ids.clientId,
        ChallengeName: "DEVICE_PASSWORD_VERIFIER",
        Session: verifier.Session,
        ChallengeResponses: {
          USERNAME: "bob",
          ...proveDevice(secret, start, verifier.ChallengeParameters ?? {}),
        },
      }),
    );
    expect(done.AuthenticationResult?.NewDeviceMetadata).toBeUndefined();
    expect(decodeJwt(done.AuthenticationResult?.AccessToken ?? "").device_key).toBe(secret.deviceKey);
    const after = await admin.send(
      new AdminGetDeviceCommand({ UserPoolId: ids.userPoolId, Username: "bob", DeviceKey: secret.deviceKey }),
    );
    expect(after.Device?.DeviceLastAuthenticatedDate?.getTime()).toBeGreaterThanOrEqual(
      before.Device?.DeviceLastAuthenticatedDate?.getTime() ?? 0,
    );

    // A proof made with the wrong device password fails like a wrong password.
    const retry = await passwordSignIn("bob", secret.deviceKey);
    const second = await deviceChallenges("bob", retry.Session, secret);
    await expect(
      admin.send(
        new RespondToAuthChallengeCommand({
          ClientId: ids.clientId,
          ChallengeName: "DEVICE_PASSWORD_VERIFIER",
          Session: second.verifier.Session,
          ChallengeResponses: {
            USERNAME: "bob",
            ...proveDevice(secret, second.start, second.verifier.ChallengeParameters ?? {}, "not-the-secret"),
          },
        }),
      ),
    ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Incorrect username or password." });
  });

  it("refuses a DEVICE_KEY that is not one of the user's devices", async () => {
    const { secret } = await newConfirmedDevice("carol");
    await expect(passwordSignIn("dave", secret.deviceKey)).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: "Device does not exist.",
    });
  });

  it("binds refresh tokens to their device", async () => {
    const { secret } = await newConfirmedDevice("carol");
    const started = await passwordSignIn("carol", secret.deviceKey);
    const { start, verifier } = await deviceChallenges("carol", started.Session, secret);
    const done = await admin.send(
      new RespondToAuthChallengeCommand({
        ClientId: ids.clientId,
        ChallengeName: "DEVICE_PASSWORD_VERIFIER",
        Session: verifier.Session,
        ChallengeResponses: {
          USERNAME: "carol",
          ...proveDevice(secret, start, verifier.ChallengeParameters ?? {}),
        },
      }),
    );
    const refreshToken = done.AuthenticationResult?.RefreshToken ?? "";
    await expect(
      admin.send(
        new GetTokensFromRefreshTokenCommand({ ClientId: ids.clientId, RefreshToken: refreshToken }),
      ),
    ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Invalid Refresh Token" });
    await expect(
      admin.send(
        new InitiateAuthCommand({
          ClientId: ids.clientId,
          AuthFlow: "REFRESH_TOKEN_AUTH",
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      ),
    ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Invalid Refresh Token" });
    const refreshed = await admin.send(
      new GetTokensFromRefreshTokenCommand({
        ClientId: ids.clientId,
        RefreshToken: refreshToken,
        DeviceKey: secret.deviceKey,
      }),
    );
    expect(decodeJwt(refreshed.AuthenticationResult?.AccessToken ?? "").device_key).toBe(secret.deviceKey);
    const viaAuth = await admin.send(
      new InitiateAuthCommand({
        ClientId: ids.clientId,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN: refreshToken, DEVICE_KEY: secret.deviceKey },
      }),
    );
    expect(viaAuth.AuthenticationResult?.AccessToken).toBeTruthy();

    // ForgetDevice: the key no longer signs in and its refresh tokens are revoked.
    await admin.send(
      new ForgetDeviceCommand({
        AccessToken: done.AuthenticationResult?.AccessToken,
        DeviceKey: secret.deviceKey,
      }),
    );
    await expect(
      admin.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: ids.clientId,
          RefreshToken: refreshToken,
          DeviceKey: secret.deviceKey,
        }),
      ),
    ).rejects.toMatchObject({ name: "NotAuthorizedException" });
    await expect(passwordSignIn("carol", secret.deviceKey)).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: "Device does not exist.",
    });
    await expect(
      admin.send(
        new AdminGetDeviceCommand({
          UserPoolId: ids.userPoolId,
          Username: "carol",
          DeviceKey: secret.deviceKey,
        }),
      ),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException", message: "Device does not exist." });
  });

  it("lists, updates and forgets devices for the user and for an administrator", async () => {
    const first = await newConfirmedDevice("dave", "first");
    const second = await newConfirmedDevice("dave", "second");
    const accessToken = second.result.AccessToken;
    const listed = await admin.send(new ListDevicesCommand({ AccessToken: accessToken, Limit: 1 }));
    expect(listed.Devices?.map((device) => device.DeviceKey)).toEqual([first.secret.deviceKey]);
    expect(listed.PaginationToken).toBeTruthy();
    const rest = await admin.send(
      new ListDevicesCommand({ AccessToken: accessToken, Limit: 1, PaginationToken: listed.PaginationToken }),
    );
    expect(rest.Devices?.map((device) => device.DeviceKey)).toEqual([second.secret.deviceKey]);
    expect(rest.PaginationToken).toBeUndefined();
    const byAdmin = await admin.send(
      new AdminListDevicesCommand({ UserPoolId: ids.userPoolId, Username: "dave" }),
    );
    expect(byAdmin.Devices?.map((device) => device.DeviceKey)).toEqual([
      first.secret.deviceKey,
      second.secret.deviceKey,
    ]);
    await expect(
      admin.send(
        new AdminListDevicesCommand({
          UserPoolId: ids.userPoolId,
          Username: "dave",
          PaginationToken: "forged",
        }),
      ),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });

    const statusOf = async (deviceKey: string) => {
      const got = await admin.send(
        new AdminGetDeviceCommand({ UserPoolId: ids.userPoolId, Username: "dave", DeviceKey: deviceKey }),
      );
      return got.Device?.DeviceAttributes?.find((a) => a.Name === "dev:device_remembered_status")?.Value;
    };
    await admin.send(
      new UpdateDeviceStatusCommand({
        AccessToken: accessToken,
        DeviceKey: first.secret.deviceKey,
        DeviceRememberedStatus: "remembered",
      }),
    );
    expect(await statusOf(first.secret.deviceKey)).toBe("remembered");
    await admin.send(
      new AdminUpdateDeviceStatusCommand({
        UserPoolId: ids.userPoolId,
        Username: "dave",
        DeviceKey: first.secret.deviceKey,
        DeviceRememberedStatus: "not_remembered",
      }),
    );
    expect(await statusOf(first.secret.deviceKey)).toBe("not_remembered");

    await expect(
      admin.send(
        new UpdateDeviceStatusCommand({ AccessToken: accessToken, DeviceKey: first.secret.deviceKey }),
      ),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
    await expect(
      admin.send(new ListDevicesCommand({ AccessToken: accessToken, Limit: 61 })),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });

    const unknownKey = `${ids.userPoolId.split("_")[0]}_11111111-1111-4111-8111-111111111111`;
    for (const call of [
      () => admin.send(new GetDeviceCommand({ AccessToken: accessToken, DeviceKey: unknownKey })),
      () =>
        admin.send(
          new UpdateDeviceStatusCommand({
            AccessToken: accessToken,
            DeviceKey: unknownKey,
            DeviceRememberedStatus: "remembered",
          }),
        ),
      () => admin.send(new ForgetDeviceCommand({ AccessToken: accessToken, DeviceKey: unknownKey })),
      () =>
        admin.send(
          new AdminForgetDeviceCommand({
            UserPoolId: ids.userPoolId,
            Username: "dave",
            DeviceKey: unknownKey,
          }),
        ),
      // Another user's device is not found either.
      () =>
        admin.send(
          new AdminGetDeviceCommand({
            UserPoolId: ids.userPoolId,
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
      admin.send(
        new AdminGetDeviceCommand({ UserPoolId: ids.userPoolId, Username: "nobody", DeviceKey: unknownKey }),
      ),
    ).rejects.toMatchObject({ name: "UserNotFoundException" });
    await expect(
      admin.send(new GetDeviceCommand({ AccessToken: "not-a-token", DeviceKey: unknownKey })),
    ).rejects.toMatchObject({ name: "NotAuthorizedException" });

    await admin.send(
      new AdminForgetDeviceCommand({
        UserPoolId: ids.userPoolId,
        Username: "dave",
        DeviceKey: first.secret.deviceKey,
      }),
    );
    const remaining = await admin.send(new ListDevicesCommand({ AccessToken: accessToken }));
    expect(remaining.Devices?.map((device) => device.DeviceKey)).toEqual([second.secret.deviceKey]);
  });

  it("tracks no devices when the pool has no DeviceConfiguration", async () => {
    const plain = await createPoolAndClient(admin);
    await createConfirmedUser(admin, plain, "erin", PASSWORD);
    const signedIn = await admin.send(
      new InitiateAuthCommand({
        ClientId: plain.clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "erin", PASSWORD: PASSWORD },
      }),
    );
    expect(signedIn.AuthenticationResult?.NewDeviceMetadata).toBeUndefined();
    expect(decodeJwt(signedIn.AuthenticationResult?.AccessToken ?? "").device_key).toBeUndefined();
    await expect(
      admin.send(
        new ConfirmDeviceCommand({
          AccessToken: signedIn.AuthenticationResult?.AccessToken,
          DeviceKey: `${plain.userPoolId.split("_")[0]}_22222222-2222-4222-8222-222222222222`,
          DeviceSecretVerifierConfig: { Salt: "AAEC", PasswordVerifier: "AAEC" },
        }),
      ),
    ).rejects.toMatchObject({ name: "InvalidUserPoolConfigurationException" });

    // Turning tracking on with UpdateUserPool: the next sign-in gets a device key.
    await admin.send(
      new UpdateUserPoolCommand({
        UserPoolId: plain.userPoolId,
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false },
      }),
    );
    const described = await admin.send(new DescribeUserPoolCommand({ UserPoolId: plain.userPoolId }));
    expect(described.UserPool?.DeviceConfiguration).toEqual({
      ChallengeRequiredOnNewDevice: false,
      DeviceOnlyRememberedOnUserPrompt: false,
    });
    const tracked = await admin.send(
      new InitiateAuthCommand({
        ClientId: plain.clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "erin", PASSWORD: PASSWORD },
      }),
    );
    const metadata = tracked.AuthenticationResult?.NewDeviceMetadata;
    expect(metadata?.DeviceKey).toMatch(DEVICE_KEY_FORMAT);
    const { config } = registerDevice(metadata?.DeviceKey ?? "", metadata?.DeviceGroupKey ?? "");
    const confirmed = await admin.send(
      new ConfirmDeviceCommand({
        AccessToken: tracked.AuthenticationResult?.AccessToken,
        DeviceKey: metadata?.DeviceKey,
        DeviceSecretVerifierConfig: config,
      }),
    );
    // Without the user prompt the device is remembered at once.
    expect(confirmed.UserConfirmationNecessary).toBe(false);
    const got = await admin.send(
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
