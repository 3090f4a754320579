import {
  AdminDisableUserCommand,
  AdminGetUserAuthFactorsCommand,
  AdminInitiateAuthCommand,
  DescribeUserPoolCommand,
  GetUserCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { latestCode } from "../support/outbox.js";
import { createConfirmedUser } from "../support/pool-setup.js";
import { testBackends } from "../support/server.js";
import { createPasswordlessPool, signedInUser } from "./support.js";
import { SRP_A, useUserAuth } from "./user-auth-setup.js";

// AuthFlow USER_AUTH through the AWS SDK: the choice (SELECT_CHALLENGE with AvailableChallenges), a
// preferred challenge, each password form and the email and SMS codes, and the pool's and client's rules.

const backends = await testBackends();

describe.each(backends)("USER_AUTH choice-based sign-in on %s", (backend) => {
  const ctx = useUserAuth(backend);
  const { userAuth, respond } = ctx;

  it("stores the pool's AllowedFirstAuthFactors", async () => {
    const described = await ctx.admin.send(new DescribeUserPoolCommand({ UserPoolId: ctx.ids.userPoolId }));
    expect(described.UserPool?.Policies?.SignInPolicy?.AllowedFirstAuthFactors).toEqual([
      "PASSWORD",
      "EMAIL_OTP",
      "SMS_OTP",
      "WEB_AUTHN",
    ]);
  });

  it("offers the user's factors and signs in with the password picked from the choice", async () => {
    const choice = await userAuth("uma");
    expect(choice.ChallengeName).toBe("SELECT_CHALLENGE");
    expect(choice.AvailableChallenges).toEqual(["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"]);
    expect(choice.ChallengeParameters).toEqual({});
    expect(choice.Session?.length).toBeGreaterThan(20);

    await expect(
      respond("SELECT_CHALLENGE", choice.Session, {
        USERNAME: "uma",
        ANSWER: "PASSWORD",
        PASSWORD: "wrong-Passw0rd!",
      }),
    ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Incorrect username or password." });
    await expect(
      respond("SELECT_CHALLENGE", choice.Session, { USERNAME: "uma", ANSWER: "WEB_AUTHN" }),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });

    const picked = await respond("SELECT_CHALLENGE", choice.Session, {
      USERNAME: "uma",
      ANSWER: "PASSWORD",
      PASSWORD: "Passw0rd!uma",
    });
    const me = await ctx.admin.send(
      new GetUserCommand({ AccessToken: picked.AuthenticationResult?.AccessToken }),
    );
    expect(me.Username).toBe("uma");

    // PASSWORD as the ChallengeName, with the SELECT_CHALLENGE Session, is the same answer.
    const again = await userAuth("uma");
    const direct = await respond("PASSWORD", again.Session, { USERNAME: "uma", PASSWORD: "Passw0rd!uma" });
    expect(direct.AuthenticationResult?.RefreshToken).toBeTruthy();

    // PASSWORD_SRP continues as USER_SRP_AUTH does: PASSWORD_VERIFIER with the SRP parameters.
    const third = await userAuth("uma");
    const srp = await respond("SELECT_CHALLENGE", third.Session, {
      USERNAME: "uma",
      ANSWER: "PASSWORD_SRP",
      SRP_A,
    });
    expect(srp.ChallengeName).toBe("PASSWORD_VERIFIER");
    expect(Object.keys(srp.ChallengeParameters ?? {}).sort()).toEqual([
      "SALT",
      "SECRET_BLOCK",
      "SRP_B",
      "USERNAME",
      "USER_ID_FOR_SRP",
    ]);
  });

  it("starts a preferred challenge at once, with InitiateAuth and AdminInitiateAuth", async () => {
    const password = await userAuth("uma", { PREFERRED_CHALLENGE: "PASSWORD", PASSWORD: "Passw0rd!uma" });
    expect(password.AuthenticationResult?.AccessToken).toBeTruthy();
    const adminPassword = await ctx.admin.send(
      new AdminInitiateAuthCommand({
        UserPoolId: ctx.ids.userPoolId,
        ClientId: ctx.ids.clientId,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: "uma", PREFERRED_CHALLENGE: "PASSWORD", PASSWORD: "Passw0rd!uma" },
      }),
    );
    expect(adminPassword.AuthenticationResult?.IdToken).toBeTruthy();
    const srp = await userAuth("uma", { PREFERRED_CHALLENGE: "PASSWORD_SRP", SRP_A });
    expect(srp.ChallengeName).toBe("PASSWORD_VERIFIER");
    await expect(userAuth("uma", { PREFERRED_CHALLENGE: "MAGIC_LINK" })).rejects.toMatchObject({
      name: "InvalidParameterException",
    });
    await expect(userAuth("uma", { PREFERRED_CHALLENGE: "PASSWORD" })).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Missing required parameter PASSWORD",
    });
  });

  it("signs in with an email code and with an SMS code", async () => {
    const email = await userAuth("uma", { PREFERRED_CHALLENGE: "EMAIL_OTP" });
    expect(email.ChallengeName).toBe("EMAIL_OTP");
    expect(email.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM).toBe("EMAIL");
    expect(email.ChallengeParameters?.CODE_DELIVERY_DESTINATION).toMatch(/^u\*+@e\*+/);
    const code = await latestCode(ctx.server.dataDir, "uma@example.com");
    const wrong = code === "000000" ? "000001" : "000000";
    await expect(
      respond("EMAIL_OTP", email.Session, { USERNAME: "uma", EMAIL_OTP_CODE: wrong }),
    ).rejects.toMatchObject({
      name: "CodeMismatchException",
    });
    const signedIn = await respond("EMAIL_OTP", email.Session, { USERNAME: "uma", EMAIL_OTP_CODE: code });
    expect(signedIn.AuthenticationResult?.AccessToken).toBeTruthy();

    const choice = await userAuth("uma");
    const sms = await respond("SELECT_CHALLENGE", choice.Session, { USERNAME: "uma", ANSWER: "SMS_OTP" });
    expect(sms.ChallengeName).toBe("SMS_OTP");
    expect(sms.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM).toBe("SMS");
    const smsCode = await latestCode(ctx.server.dataDir, "+15555550123");
    const bySms = await respond("SMS_OTP", sms.Session, { USERNAME: "uma", SMS_OTP_CODE: smsCode });
    expect(bySms.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it("sends no code to a disabled user", async () => {
    await signedInUser(ctx.admin, ctx.ids, "dave", "Passw0rd!dave");
    await ctx.admin.send(new AdminDisableUserCommand({ UserPoolId: ctx.ids.userPoolId, Username: "dave" }));
    await expect(userAuth("dave", { PREFERRED_CHALLENGE: "EMAIL_OTP" })).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "User is disabled.",
    });
    await expect(latestCode(ctx.server.dataDir, "dave@example.com")).rejects.toThrow(/no message/);
  });

  it("offers only what the pool allows and the user has set up", async () => {
    const passwordOnly = await createPasswordlessPool(ctx.admin, { factors: ["PASSWORD"] });
    await createConfirmedUser(ctx.admin, passwordOnly, "pat", "Passw0rd!pat", [
      { Name: "email", Value: "pat@example.com" },
      { Name: "email_verified", Value: "true" },
    ]);
    const choice = await ctx.admin.send(
      new InitiateAuthCommand({
        ClientId: passwordOnly.clientId,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: "pat", PREFERRED_CHALLENGE: "EMAIL_OTP" },
      }),
    );
    expect(choice.ChallengeName).toBe("SELECT_CHALLENGE");
    expect(choice.AvailableChallenges).toEqual(["PASSWORD", "PASSWORD_SRP"]);

    // An email that is not verified is not a factor.
    await createConfirmedUser(ctx.admin, ctx.ids, "una", "Passw0rd!una", [
      { Name: "email", Value: "una@example.com" },
    ]);
    expect((await userAuth("una")).AvailableChallenges).toEqual(["PASSWORD", "PASSWORD_SRP"]);
    expect(
      (
        await ctx.admin.send(
          new AdminGetUserAuthFactorsCommand({ UserPoolId: ctx.ids.userPoolId, Username: "una" }),
        )
      ).ConfiguredUserAuthFactors,
    ).toEqual(["PASSWORD"]);
  });
});
