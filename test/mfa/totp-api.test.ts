import {
  AdminDeleteSoftwareTokenCommand,
  AdminGetUserCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserMFAPreferenceCommand,
  AssociateSoftwareTokenCommand,
  type CognitoIdentityProviderClient,
  GetUserCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../support/fake-clock.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { adminPasswordSignIn, errorName, mfaPool, mfaUser, totpAt } from "./mfa-support.js";

// TOTP through the AWS SDK: AssociateSoftwareToken / VerifySoftwareToken with an access token, the
// SOFTWARE_TOKEN_MFA challenge, replay refusal, recovery codes, GetUser's MFA members, admin reset.

const backends = await testBackends();

describe.each(backends)("TOTP MFA through the SDK on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let ids: { userPoolId: string; clientId: string };
  const clock = new FakeClock();

  beforeAll(async () => {
    server = await startTestServer({ backend, clock });
    admin = server.adminClient();
    ids = await mfaPool(admin, "OPTIONAL");
  });
  afterAll(async () => {
    await server.stop();
  });

  async function signedInWithTotp(username: string) {
    await mfaUser(admin, ids, username);
    const signedIn = await adminPasswordSignIn(admin, ids, username);
    const accessToken = signedIn.AuthenticationResult?.AccessToken ?? "";
    expect(accessToken).not.toBe("");
    const associated = await admin.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    const secret = associated.SecretCode ?? "";
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(associated.Session).toBeUndefined();
    // Raw JSON: the SDK drops members it does not model, such as Cognate's RecoveryCodes.
    const response = await server.postJson("VerifySoftwareToken", {
      AccessToken: accessToken,
      UserCode: totpAt(secret, clock.now()),
      FriendlyDeviceName: "phone",
    });
    expect(response.status).toBe(200);
    const verified = response.json() as { Status: string; RecoveryCodes: string[] };
    return { accessToken, secret, verified };
  }

  it("associates and verifies a software token, then SOFTWARE_TOKEN_MFA is asked at sign-in", async () => {
    const { accessToken, secret, verified } = await signedInWithTotp("totp-user");
    expect(verified.Status).toBe("SUCCESS");
    const recoveryCodes = verified.RecoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);

    const self = await admin.send(new GetUserCommand({ AccessToken: accessToken }));
    expect(self.UserMFASettingList).toEqual(["SOFTWARE_TOKEN_MFA"]);
    expect(self.PreferredMfaSetting).toBeUndefined();
    await admin.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: accessToken,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const viewed = await admin.send(
      new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: "totp-user" }),
    );
    expect(viewed.PreferredMfaSetting).toBe("SOFTWARE_TOKEN_MFA");
    expect(viewed.UserMFASettingList).toEqual(["SOFTWARE_TOKEN_MFA"]);
    expect(viewed.MFAOptions).toBeUndefined();

    clock.advance(30_000);
    const started = await adminPasswordSignIn(admin, ids, "totp-user");
    expect(started.ChallengeName).toBe("SOFTWARE_TOKEN_MFA");
    expect(started.ChallengeParameters).toEqual({
      FRIENDLY_DEVICE_NAME: "phone",
      USER_ID_FOR_SRP: "totp-user",
    });

    const wrong = totpAt(secret, new Date(clock.now().getTime() + 10 * 60_000));
    expect(
      await errorName(
        admin.send(
          new RespondToAuthChallengeCommand({
            ClientId: ids.clientId,
            ChallengeName: "SOFTWARE_TOKEN_MFA",
            Session: started.Session,
            ChallengeResponses: { USERNAME: "totp-user", SOFTWARE_TOKEN_MFA_CODE: wrong },
          }),
        ),
      ),
    ).toBe("CodeMismatchException");

    const code = totpAt(secret, clock.now());
    const done = await admin.send(
      new RespondToAuthChallengeCommand({
        ClientId: ids.clientId,
        ChallengeName: "SOFTWARE_TOKEN_MFA",
        Session: started.Session,
        ChallengeResponses: { USERNAME: "totp-user", SOFTWARE_TOKEN_MFA_CODE: code },
      }),
    );
    expect(done.AuthenticationResult?.AccessToken).toMatch(/^ey/);

    // The same code again, in a new sign-in within its window: refused.
    const again = await adminPasswordSignIn(admin, ids, "totp-user");
    const replay = admin.send(
      new RespondToAuthChallengeCommand({
        ClientId: ids.clientId,
        ChallengeName: "SOFTWARE_TOKEN_MFA",
        Session: again.Session,
        ChallengeResponses: { USERNAME: "totp-user", SOFTWARE_TOKEN_MFA_CODE: code },
      }),
    );
    expect(await errorName(replay)).toBe("ExpiredCodeException");
    // And the used Session of the successful answer cannot be answered again.
    clock.advance(30_000);
    const reuse = admin.send(
      new RespondToAuthChallengeCommand({
        ClientId: ids.clientId,
        ChallengeName: "SOFTWARE_TOKEN_MFA",
        Session: started.Session,
        ChallengeResponses: { USERNAME: "totp-user", SOFTWARE_TOKEN_MFA_CODE: totpAt(secret, clock.now()) },
      }),
    );
    expect(await errorName(reuse)).toBe("NotAuthorizedException");

    // A recovery code stands in for a TOTP code, once.
    const [recovery] = recoveryCodes;
    const third = await adminPasswordSignIn(admin, ids, "totp-user");
    const recovered = await admin.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: ids.userPoolId,
        ClientId: ids.clientId,
        ChallengeName: "SOFTWARE_TOKEN_MFA",
        Session: third.Session,
        ChallengeResponses: { USERNAME: "totp-user", SOFTWARE_TOKEN_MFA_CODE: recovery ?? "" },
      }),
    );
    expect(recovered.AuthenticationResult?.IdToken).toMatch(/^ey/);
    const fourth = await adminPasswordSignIn(admin, ids, "totp-user");
    const reused = admin.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: ids.userPoolId,
        ClientId: ids.clientId,
        ChallengeName: "SOFTWARE_TOKEN_MFA",
        Session: fourth.Session,
        ChallengeResponses: { USERNAME: "totp-user", SOFTWARE_TOKEN_MFA_CODE: recovery ?? "" },
      }),
    );
    expect(await errorName(reused)).toBe("CodeMismatchException");
  });

  it("refuses a wrong setup code and SMS MFA without a phone number, as Cognito does", async () => {
    const { accessToken } = await signedInWithTotp("totp-errors");
    await admin.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    const wrong = admin.send(
      new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: "000000" }),
    );
    await expect(wrong).rejects.toMatchObject({
      name: "EnableSoftwareTokenMFAException",
      message: "Code mismatch and fail enable Software Token MFA",
    });
    const sms = admin.send(
      new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SMSMfaSettings: { Enabled: true } }),
    );
    await expect(sms).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "User does not have delivery config set to turn on SMS_MFA",
    });
  });

  it("lets an administrator reset TOTP MFA: the secret is forgotten and sign-in needs no code", async () => {
    await signedInWithTotp("totp-reset");
    clock.advance(30_000);
    expect((await adminPasswordSignIn(admin, ids, "totp-reset")).ChallengeName).toBe("SOFTWARE_TOKEN_MFA");
    await admin.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: ids.userPoolId,
        Username: "totp-reset",
        SoftwareTokenMfaSettings: { Enabled: false },
      }),
    );
    const viewed = await admin.send(
      new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: "totp-reset" }),
    );
    expect(viewed.UserMFASettingList).toBeUndefined();
    const signedIn = await adminPasswordSignIn(admin, ids, "totp-reset");
    expect(signedIn.AuthenticationResult?.AccessToken).toMatch(/^ey/);
    const reenable = admin.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: signedIn.AuthenticationResult?.AccessToken ?? "",
        SoftwareTokenMfaSettings: { Enabled: true },
      }),
    );
    await expect(reenable).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "User has not verified software token mfa",
    });
  });

  it("accepts one TOTP code once when two sign-ins send it at the same moment", async () => {
    const { secret } = await signedInWithTotp("totp-race");
    clock.advance(30_000);
    const sessions = await Promise.all([
      adminPasswordSignIn(admin, ids, "totp-race"),
      adminPasswordSignIn(admin, ids, "totp-race"),
    ]);
    const code = totpAt(secret, clock.now());
    const outcomes = await Promise.allSettled(
      sessions.map((started) =>
        admin.send(
          new RespondToAuthChallengeCommand({
            ClientId: ids.clientId,
            ChallengeName: "SOFTWARE_TOKEN_MFA",
            Session: started.Session,
            ChallengeResponses: { USERNAME: "totp-race", SOFTWARE_TOKEN_MFA_CODE: code },
          }),
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === "rejected");
    expect((refused as PromiseRejectedResult).reason).toMatchObject({
      name: "ExpiredCodeException",
      message: "Your software token has already been used once.",
    });
  });

  it("removes a user's software token with AdminDeleteSoftwareToken", async () => {
    const { accessToken } = await signedInWithTotp("totp-deleted");
    expect((await admin.send(new GetUserCommand({ AccessToken: accessToken }))).UserMFASettingList).toEqual([
      "SOFTWARE_TOKEN_MFA",
    ]);
    await admin.send(
      new AdminDeleteSoftwareTokenCommand({ UserPoolId: ids.userPoolId, Username: "totp-deleted" }),
    );
    const viewed = await admin.send(
      new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: "totp-deleted" }),
    );
    expect(viewed.UserMFASettingList).toBeUndefined();
    clock.advance(30_000);
    expect((await adminPasswordSignIn(admin, ids, "totp-deleted")).AuthenticationResult?.AccessToken).toMatch(
      /^ey/,
    );
  });
});
