import {
  AdminGetUserCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserMFAPreferenceCommand,
  AssociateSoftwareTokenCommand,
  type CognitoIdentityProviderClient,
  RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../support/fake-clock.js";
import { latestCode } from "../support/outbox.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { adminPasswordSignIn, errorName, mfaPool, mfaUser, totpAt } from "./mfa-support.js";

// SMS_MFA and EMAIL_OTP with codes from the dev outbox, SELECT_MFA_TYPE, MFA_SETUP (MFA ON, no factor),
// a wrong code (CodeMismatchException) and an expired one (ExpiredCodeException, fake clock).

const backends = await testBackends();

describe.each(backends)("SMS, email, select and setup MFA challenges on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  const clock = new FakeClock();

  beforeAll(async () => {
    server = await startTestServer({ backend, clock });
    admin = server.adminClient();
  });
  afterAll(async () => {
    await server.stop();
  });

  const respond = (
    ids: { userPoolId: string; clientId: string },
    challenge: string,
    session: string | undefined,
    responses: Record<string, string>,
  ) =>
    admin.send(
      new RespondToAuthChallengeCommand({
        ClientId: ids.clientId,
        ChallengeName: challenge as "SMS_MFA",
        Session: session,
        ChallengeResponses: responses,
      }),
    );

  it("asks a user with a phone number for an SMS code when MFA is ON, and checks it", async () => {
    const ids = await mfaPool(admin, "ON");
    const phone = `+1206555${backend === "sqlite" ? "0101" : "0102"}`;
    await mfaUser(admin, ids, "sms-user", [{ Name: "phone_number", Value: phone }]);
    const started = await adminPasswordSignIn(admin, ids, "sms-user");
    expect(started.ChallengeName).toBe("SMS_MFA");
    expect(started.ChallengeParameters).toEqual({
      CODE_DELIVERY_DELIVERY_MEDIUM: "SMS",
      CODE_DELIVERY_DESTINATION: `+*******${phone.slice(-4)}`,
    });
    const code = await latestCode(server.dataDir, phone);
    const wrong = code === "000000" ? "111111" : "000000";
    const mismatch = respond(ids, "SMS_MFA", started.Session, { USERNAME: "sms-user", SMS_MFA_CODE: wrong });
    await expect(mismatch).rejects.toMatchObject({
      name: "CodeMismatchException",
      message: "Invalid code or auth state for the user.",
    });
    const done = await respond(ids, "SMS_MFA", started.Session, { USERNAME: "sms-user", SMS_MFA_CODE: code });
    expect(done.AuthenticationResult?.AccessToken).toMatch(/^ey/);
  });

  it("sends EMAIL_OTP to a user who chose email MFA, and an expired code is refused", async () => {
    const ids = await mfaPool(admin, "OPTIONAL");
    const email = `email-mfa.${backend}@example.com`;
    await mfaUser(admin, ids, "email-user", [
      { Name: "email", Value: email },
      { Name: "email_verified", Value: "true" },
    ]);
    expect((await adminPasswordSignIn(admin, ids, "email-user")).AuthenticationResult).toBeDefined();
    await admin.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: ids.userPoolId,
        Username: "email-user",
        EmailMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const viewed = await admin.send(
      new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: "email-user" }),
    );
    expect(viewed.UserMFASettingList).toEqual(["EMAIL_OTP"]);
    expect(viewed.PreferredMfaSetting).toBe("EMAIL_OTP");

    const started = await adminPasswordSignIn(admin, ids, "email-user");
    expect(started.ChallengeName).toBe("EMAIL_OTP");
    expect(started.ChallengeParameters).toEqual({
      CODE_DELIVERY_DELIVERY_MEDIUM: "EMAIL",
      CODE_DELIVERY_DESTINATION: "e***@e***",
    });
    const code = await latestCode(server.dataDir, email);
    const done = await admin.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: ids.userPoolId,
        ClientId: ids.clientId,
        ChallengeName: "EMAIL_OTP",
        Session: started.Session,
        ChallengeResponses: { USERNAME: "email-user", EMAIL_OTP_CODE: code },
      }),
    );
    expect(done.AuthenticationResult?.RefreshToken).toBeTruthy();

    const later = await adminPasswordSignIn(admin, ids, "email-user");
    const laterCode = await latestCode(server.dataDir, email);
    clock.advance(3 * 60_000 + 1_000);
    const expired = respond(ids, "EMAIL_OTP", later.Session, {
      USERNAME: "email-user",
      EMAIL_OTP_CODE: laterCode,
    });
    await expect(expired).rejects.toMatchObject({ name: "ExpiredCodeException" });
  });

  it("lets a user with two factors choose one with SELECT_MFA_TYPE", async () => {
    const ids = await mfaPool(admin, "OPTIONAL");
    const phone = `+1206555${backend === "sqlite" ? "0201" : "0202"}`;
    await mfaUser(admin, ids, "select-user", [{ Name: "phone_number", Value: phone }]);
    const signedIn = await adminPasswordSignIn(admin, ids, "select-user");
    const accessToken = signedIn.AuthenticationResult?.AccessToken ?? "";
    const { SecretCode } = await admin.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    await admin.send(
      new VerifySoftwareTokenCommand({
        AccessToken: accessToken,
        UserCode: totpAt(SecretCode ?? "", clock.now()),
      }),
    );
    await admin.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: ids.userPoolId,
        Username: "select-user",
        SMSMfaSettings: { Enabled: true },
      }),
    );
    const viewed = await admin.send(
      new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: "select-user" }),
    );
    expect(viewed.UserMFASettingList).toEqual(["SMS_MFA", "SOFTWARE_TOKEN_MFA"]);
    expect(viewed.MFAOptions).toEqual([{ DeliveryMedium: "SMS", AttributeName: "phone_number" }]);

    const started = await adminPasswordSignIn(admin, ids, "select-user");
    expect(started.ChallengeName).toBe("SELECT_MFA_TYPE");
    expect(JSON.parse(started.ChallengeParameters?.MFAS_CAN_CHOOSE ?? "[]")).toEqual([
      "SMS_MFA",
      "SOFTWARE_TOKEN_MFA",
    ]);
    const sms = await respond(ids, "SELECT_MFA_TYPE", started.Session, {
      USERNAME: "select-user",
      ANSWER: "SMS_MFA",
    });
    expect(sms.ChallengeName).toBe("SMS_MFA");
    const code = await latestCode(server.dataDir, phone);
    const done = await respond(ids, "SMS_MFA", sms.Session, { USERNAME: "select-user", SMS_MFA_CODE: code });
    expect(done.AuthenticationResult?.AccessToken).toMatch(/^ey/);

    const again = await adminPasswordSignIn(admin, ids, "select-user");
    const totp = await respond(ids, "SELECT_MFA_TYPE", again.Session, {
      USERNAME: "select-user",
      ANSWER: "SOFTWARE_TOKEN_MFA",
    });
    expect(totp.ChallengeName).toBe("SOFTWARE_TOKEN_MFA");
    clock.advance(30_000);
    const viaTotp = await respond(ids, "SOFTWARE_TOKEN_MFA", totp.Session, {
      USERNAME: "select-user",
      SOFTWARE_TOKEN_MFA_CODE: totpAt(SecretCode ?? "", clock.now()),
    });
    expect(viaTotp.AuthenticationResult?.AccessToken).toMatch(/^ey/);
  });

  it("walks a user with no factor through MFA_SETUP when MFA is ON", async () => {
    const ids = await mfaPool(admin, "ON", { totp: true });
    await mfaUser(admin, ids, "setup-user");
    const started = await adminPasswordSignIn(admin, ids, "setup-user");
    expect(started.ChallengeName).toBe("MFA_SETUP");
    expect(JSON.parse(started.ChallengeParameters?.MFAS_CAN_SETUP ?? "[]")).toEqual(["SOFTWARE_TOKEN_MFA"]);
    const associated = await admin.send(new AssociateSoftwareTokenCommand({ Session: started.Session }));
    expect(associated.Session).toBeTruthy();
    const secret = associated.SecretCode ?? "";
    const early = respond(ids, "MFA_SETUP", associated.Session, { USERNAME: "setup-user" });
    expect(await errorName(early)).toBe("NotAuthorizedException");
    const verified = await admin.send(
      new VerifySoftwareTokenCommand({
        Session: associated.Session,
        UserCode: totpAt(secret, clock.now()),
        FriendlyDeviceName: "laptop",
      }),
    );
    expect(verified.Status).toBe("SUCCESS");
    const done = await respond(ids, "MFA_SETUP", verified.Session, { USERNAME: "setup-user" });
    expect(done.AuthenticationResult?.AccessToken).toMatch(/^ey/);
    clock.advance(30_000);
    const next = await adminPasswordSignIn(admin, ids, "setup-user");
    expect(next.ChallengeName).toBe("SOFTWARE_TOKEN_MFA");
    expect(next.ChallengeParameters?.FRIENDLY_DEVICE_NAME).toBe("laptop");
  });
});
