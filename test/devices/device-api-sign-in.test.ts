import {
  AdminGetDeviceCommand,
  ConfirmDeviceCommand,
  DescribeUserPoolCommand,
  ForgetDeviceCommand,
  GetDeviceCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { testBackends } from "../support/server.js";
import { proveDevice, registerDevice } from "./device-srp-client.js";
import { DEVICE_KEY_FORMAT, useDeviceApi } from "./support/device-api-setup.js";

const backends = await testBackends();

describe.each(backends)("device API with the AWS SDK on %s", (backend) => {
  const ctx = useDeviceApi(backend);
  const { passwordSignIn, newConfirmedDevice, deviceChallenges } = ctx;

  it("stores and returns DeviceConfiguration", async () => {
    const described = await ctx.admin.send(new DescribeUserPoolCommand({ UserPoolId: ctx.ids.userPoolId }));
    expect(described.UserPool?.DeviceConfiguration).toEqual({
      ChallengeRequiredOnNewDevice: true,
      DeviceOnlyRememberedOnUserPrompt: true,
    });
  });

  it("answers a sign-in without a device with NewDeviceMetadata and binds the tokens to it", async () => {
    const signedIn = await passwordSignIn("alice");
    const metadata = signedIn.AuthenticationResult?.NewDeviceMetadata;
    expect(metadata?.DeviceKey).toMatch(DEVICE_KEY_FORMAT);
    expect(metadata?.DeviceKey?.startsWith(`${ctx.ids.userPoolId.split("_")[0]}_`)).toBe(true);
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
    const got = await ctx.admin.send(
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
      "dev:device_owner": `alice.${ctx.ids.userPoolId}`,
    });
    expect(attributes["dev:device_arn"]).toMatch(
      new RegExp(
        `^arn:aws:cognito-idp:[a-z0-9-]+:\\d{12}:owner/alice\\.${ctx.ids.userPoolId}/device/${secret.deviceKey}$`,
      ),
    );
    expect(attributes.last_ip_used).toBeTruthy();
    expect(got.Device?.DeviceCreateDate).toBeInstanceOf(Date);
    expect(got.Device?.DeviceLastModifiedDate).toBeInstanceOf(Date);

    await expect(
      ctx.admin.send(
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
        ctx.admin.send(
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
    const otherKey = `${ctx.ids.userPoolId.split("_")[0]}_00000000-0000-4000-8000-000000000000`;
    await expect(
      ctx.admin.send(
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
    const before = await ctx.admin.send(
      new AdminGetDeviceCommand({
        UserPoolId: ctx.ids.userPoolId,
        Username: "bob",
        DeviceKey: secret.deviceKey,
      }),
    );
    const started = await passwordSignIn("bob", secret.deviceKey);
    expect(started.ChallengeName).toBe("DEVICE_SRP_AUTH");
    expect(started.AuthenticationResult).toBeUndefined();
    const { start, verifier } = await deviceChallenges("bob", started.Session, secret);
    expect(verifier.ChallengeName).toBe("DEVICE_PASSWORD_VERIFIER");
    expect(verifier.ChallengeParameters).toMatchObject({ USERNAME: "bob", DEVICE_KEY: secret.deviceKey });
    expect(verifier.ChallengeParameters?.SALT).toMatch(/^[0-9a-f]+$/);
    expect(verifier.ChallengeParameters?.SRP_B).toMatch(/^[0-9a-f]+$/);

    const done = await ctx.admin.send(
      new RespondToAuthChallengeCommand({
        ClientId: ctx.ids.clientId,
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
    const after = await ctx.admin.send(
      new AdminGetDeviceCommand({
        UserPoolId: ctx.ids.userPoolId,
        Username: "bob",
        DeviceKey: secret.deviceKey,
      }),
    );
    expect(after.Device?.DeviceLastAuthenticatedDate?.getTime()).toBeGreaterThanOrEqual(
      before.Device?.DeviceLastAuthenticatedDate?.getTime() ?? 0,
    );

    // A proof made with the wrong device password fails like a wrong password.
    const retry = await passwordSignIn("bob", secret.deviceKey);
    const second = await deviceChallenges("bob", retry.Session, secret);
    await expect(
      ctx.admin.send(
        new RespondToAuthChallengeCommand({
          ClientId: ctx.ids.clientId,
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
    const done = await ctx.admin.send(
      new RespondToAuthChallengeCommand({
        ClientId: ctx.ids.clientId,
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
      ctx.admin.send(
        new GetTokensFromRefreshTokenCommand({ ClientId: ctx.ids.clientId, RefreshToken: refreshToken }),
      ),
    ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Invalid Refresh Token" });
    await expect(
      ctx.admin.send(
        new InitiateAuthCommand({
          ClientId: ctx.ids.clientId,
          AuthFlow: "REFRESH_TOKEN_AUTH",
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      ),
    ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Invalid Refresh Token" });
    const refreshed = await ctx.admin.send(
      new GetTokensFromRefreshTokenCommand({
        ClientId: ctx.ids.clientId,
        RefreshToken: refreshToken,
        DeviceKey: secret.deviceKey,
      }),
    );
    expect(decodeJwt(refreshed.AuthenticationResult?.AccessToken ?? "").device_key).toBe(secret.deviceKey);
    const viaAuth = await ctx.admin.send(
      new InitiateAuthCommand({
        ClientId: ctx.ids.clientId,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN: refreshToken, DEVICE_KEY: secret.deviceKey },
      }),
    );
    expect(viaAuth.AuthenticationResult?.AccessToken).toBeTruthy();

    // ForgetDevice: the key no longer signs in and its refresh tokens are revoked.
    await ctx.admin.send(
      new ForgetDeviceCommand({
        AccessToken: done.AuthenticationResult?.AccessToken,
        DeviceKey: secret.deviceKey,
      }),
    );
    await expect(
      ctx.admin.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: ctx.ids.clientId,
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
      ctx.admin.send(
        new AdminGetDeviceCommand({
          UserPoolId: ctx.ids.userPoolId,
          Username: "carol",
          DeviceKey: secret.deviceKey,
        }),
      ),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException", message: "Device does not exist." });
  });
});
