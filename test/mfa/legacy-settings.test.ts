import {
  AdminGetUserCommand,
  AdminSetUserSettingsCommand,
  type CognitoIdentityProviderClient,
  GetUserCommand,
  SetUserSettingsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { adminPasswordSignIn, mfaPool, mfaUser } from "./mfa-support.js";

// SetUserSettings / AdminSetUserSettings: the legacy SMS-only MFA switch (MFAOptions).

const backends = await testBackends();

describe.each(backends)("legacy MFAOptions on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = server.adminClient();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("AdminSetUserSettings turns SMS MFA on and off, and sign-in follows", async () => {
    const ids = await mfaPool(admin, "OPTIONAL");
    await mfaUser(admin, ids, "legacy", [{ Name: "phone_number", Value: "+12065550177" }]);
    await admin.send(
      new AdminSetUserSettingsCommand({
        UserPoolId: ids.userPoolId,
        Username: "legacy",
        MFAOptions: [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }],
      }),
    );
    const on = await admin.send(new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: "legacy" }));
    expect(on.MFAOptions).toEqual([{ DeliveryMedium: "SMS", AttributeName: "phone_number" }]);
    expect(on.UserMFASettingList).toEqual(["SMS_MFA"]);
    expect((await adminPasswordSignIn(admin, ids, "legacy")).ChallengeName).toBe("SMS_MFA");

    await admin.send(
      new AdminSetUserSettingsCommand({ UserPoolId: ids.userPoolId, Username: "legacy", MFAOptions: [] }),
    );
    const off = await admin.send(new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: "legacy" }));
    expect(off.UserMFASettingList ?? []).toEqual([]);
    expect((await adminPasswordSignIn(admin, ids, "legacy")).AuthenticationResult?.AccessToken).toMatch(
      /^ey/,
    );
  });

  it("SetUserSettings works with an access token and refuses other mediums", async () => {
    const ids = await mfaPool(admin, "OPTIONAL");
    await mfaUser(admin, ids, "self", [{ Name: "phone_number", Value: "+12065550178" }]);
    const accessToken =
      (await adminPasswordSignIn(admin, ids, "self")).AuthenticationResult?.AccessToken ?? "";
    await expect(
      admin.send(
        new SetUserSettingsCommand({
          AccessToken: accessToken,
          MFAOptions: [{ DeliveryMedium: "EMAIL", AttributeName: "email" }],
        }),
      ),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
    await admin.send(
      new SetUserSettingsCommand({
        AccessToken: accessToken,
        MFAOptions: [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }],
      }),
    );
    const user = await admin.send(new GetUserCommand({ AccessToken: accessToken }));
    expect(user.PreferredMfaSetting).toBe("SMS_MFA");
  });
});
