import {
  AdminDisableUserCommand,
  AdminGetUserAuthFactorsCommand,
  AdminInitiateAuthCommand,
  AdminSetUserMFAPreferenceCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetUserAuthFactorsCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestCode } from "../support/outbox.js";
import { createConfirmedUser } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { createPasswordlessPool, signedInUser } from "./support.js";

// AuthFlow USER_AUTH through the AWS SDK: the choice (SELECT_CHALLENGE with AvailableChallenges), a
// preferred challenge, each password form and the email and SMS codes, and the pool's and client's rules.

const backends = await testBackends();
const SRP_A = "a".repeat(64);

describe.each(backends)("USER_AUTH choice-based sign-in on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let ids: { userPoolId: string; clientId: string };

  const userAuth = (username: string, extra: Record<string, string> = {}) =>
    admin.send(
      new InitiateAuthCommand({
        ClientId: ids.clientId,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: username, ...extra },
      }),
    );
  const respond = (challenge: string, session: string | undefined, responses: Record<string, string>) =>
    admin.send(
      new RespondToAuthChallengeCommand({
        ClientId: ids.clientId,
        ChallengeName: challenge as "SELECT_CHALLENGE",
        Session: session,
        ChallengeResponses: responses,
      }),
    );

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = server.adminClient();
    ids = await createPasswordlessPool(admin);
    await signedInUser(admin, ids, "uma", "Passw0rd!uma", [
      { Name: "phone_number", Value: "+15555550123" },
      { Name: "phone_number_verified", Value: "true" },
    ]);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("stores the pool's AllowedFirstAuthFactors", async () => {
    const described = await admin.send(new DescribeUserPoolCommand({ UserPoolId: ids.userPoolId }));
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
    const me = await admin.send(
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
    const adminPassword = await admin.send(
      new AdminInitiateAuthCommand({
        UserPoolId: ids.userPoolId,
        ClientId: ids.clientId,
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
    const code = await latestCode(server.dataDir, "uma@example.com");
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
    const smsCode = await latestCode(server.dataDir, "+15555550123");
    const bySms = await respond("SMS_OTP", sms.Session, { USERNAME: "uma", SMS_OTP_CODE: smsCode });
    expect(bySms.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it("sends no code to a disabled user", async () => {
    await signedInUser(admin, ids, "dave", "Passw0rd!dave");
    await admin.send(new AdminDisableUserCommand({ UserPoolId: ids.userPoolId, Username: "dave" }));
    await expect(userAuth("dave", { PREFERRED_CHALLENGE: "EMAIL_OTP" })).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "User is disabled.",
    });
    await expect(latestCode(server.dataDir, "dave@example.com")).rejects.toThrow(/no message/);
  });

  it("offers only what the pool allows and the user has set up", async () => {
    const passwordOnly = await createPasswordlessPool(admin, { factors: ["PASSWORD"] });
    await createConfirmedUser(admin, passwordOnly, "pat", "Passw0rd!pat", [
      { Name: "email", Value: "pat@example.com" },
      { Name: "email_verified", Value: "true" },
    ]);
    const choice = await admin.send(
      new InitiateAuthCommand({
        ClientId: passwordOnly.clientId,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: "pat", PREFERRED_CHALLENGE: "EMAIL_OTP" },
      }),
    );
    expect(choice.ChallengeName).toBe("SELECT_CHALLENGE");
    expect(choice.AvailableChallenges).toEqual(["PASSWORD", "PASSWORD_SRP"]);

    // An email that is not verified is not a factor.
    await createConfirmedUser(admin, ids, "una", "Passw0rd!una", [
      { Name: "email", Value: "una@example.com" },
    ]);
    expect((await userAuth("una")).AvailableChallenges).toEqual(["PASSWORD", "PASSWORD_SRP"]);
    expect(
      (await admin.send(new AdminGetUserAuthFactorsCommand({ UserPoolId: ids.userPoolId, Username: "una" })))
        .ConfiguredUserAuthFactors,
    ).toEqual(["PASSWORD"]);
  });

  it("requires ALLOW_USER_AUTH and answers unknown users as the client's existence setting says", async () => {
    const noUserAuth = await admin.send(
      new CreateUserPoolClientCommand({
        UserPoolId: ids.userPoolId,
        ClientName: "no-user-auth",
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    );
    await expect(
      admin.send(
        new InitiateAuthCommand({
          ClientId: noUserAuth.UserPoolClient?.ClientId,
          AuthFlow: "USER_AUTH",
          AuthParameters: { USERNAME: "uma" },
        }),
      ),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Auth flow not enabled for this client",
    });

    await expect(userAuth("nobody")).rejects.toMatchObject({ name: "UserNotFoundException" });

    const hiding = await createPasswordlessPool(admin, { preventUserExistenceErrors: true });
    const initiate = (username: string, extra: Record<string, string> = {}) =>
      admin.send(
        new InitiateAuthCommand({
          ClientId: hiding.clientId,
          AuthFlow: "USER_AUTH",
          AuthParameters: { USERNAME: username, ...extra },
        }),
      );
    // An unknown name gets a plausible choice: a password and an email, maybe a phone or a passkey,
    // the same every time for the same name.
    const choices = new Map<string, string[]>();
    for (let index = 0; index < 16; index += 1) {
      const name = `nobody-${index}`;
      const simulated = await initiate(name);
      expect(simulated.ChallengeName).toBe("SELECT_CHALLENGE");
      expect(simulated.AvailableChallenges?.slice(0, 3)).toEqual(["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]);
      expect((await initiate(name)).AvailableChallenges).toEqual(simulated.AvailableChallenges);
      choices.set(name, simulated.AvailableChallenges ?? []);
    }
    const withPasskey = [...choices].find(([, list]) => list.includes("WEB_AUTHN"))?.[0] ?? "";
    const withoutPasskey = [...choices].find(([, list]) => !list.includes("WEB_AUTHN"))?.[0] ?? "";
    expect(withPasskey).not.toBe("");
    expect(withoutPasskey).not.toBe("");

    const simulated = await initiate(withPasskey);
    await expect(
      admin.send(
        new RespondToAuthChallengeCommand({
          ClientId: hiding.clientId,
          ChallengeName: "SELECT_CHALLENGE",
          Session: simulated.Session,
          ChallengeResponses: { USERNAME: withPasskey, ANSWER: "PASSWORD", PASSWORD: "Passw0rd!any" },
        }),
      ),
    ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Incorrect username or password." });
    const passkey = await initiate(withPasskey, { PREFERRED_CHALLENGE: "WEB_AUTHN" });
    expect(passkey.ChallengeName).toBe("WEB_AUTHN");
    const options = JSON.parse(passkey.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? "{}");
    expect(options.allowCredentials).toHaveLength(1);
    expect(options.rpId).toBe("localhost");
    const again = JSON.parse(
      (await initiate(withPasskey, { PREFERRED_CHALLENGE: "WEB_AUTHN" })).ChallengeParameters
        ?.CREDENTIAL_REQUEST_OPTIONS ?? "{}",
    );
    expect(again.allowCredentials).toEqual(options.allowCredentials);
    expect(again.challenge).not.toBe(options.challenge);
    // Like a real user without a passkey, a name without one is offered the choice instead.
    expect((await initiate(withoutPasskey, { PREFERRED_CHALLENGE: "WEB_AUTHN" })).ChallengeName).toBe(
      "SELECT_CHALLENGE",
    );
  });

  it("reports the user's auth factors and MFA settings", async () => {
    const token = await signedInUser(admin, ids, "gus", "Passw0rd!gus");
    expect(await admin.send(new GetUserAuthFactorsCommand({ AccessToken: token }))).toMatchObject({
      Username: "gus",
      ConfiguredUserAuthFactors: ["PASSWORD", "EMAIL_OTP"],
    });
    await admin.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: ids.userPoolId,
        Username: "gus",
        EmailMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    expect(await admin.send(new GetUserAuthFactorsCommand({ AccessToken: token }))).toMatchObject({
      PreferredMfaSetting: "EMAIL_OTP",
      UserMFASettingList: ["EMAIL_OTP"],
      ConfiguredUserAuthFactors: ["PASSWORD", "EMAIL_OTP"],
    });
    const byAdmin = await admin.send(
      new AdminGetUserAuthFactorsCommand({ UserPoolId: ids.userPoolId, Username: "uma" }),
    );
    expect(byAdmin.Username).toBe("uma");
    expect(byAdmin.ConfiguredUserAuthFactors).toEqual(["PASSWORD", "EMAIL_OTP", "SMS_OTP"]);
    expect(byAdmin.UserMFASettingList).toBeUndefined();
    expect(byAdmin.PreferredMfaSetting).toBeUndefined();
    await expect(
      admin.send(new AdminGetUserAuthFactorsCommand({ UserPoolId: ids.userPoolId, Username: "nobody" })),
    ).rejects.toMatchObject({ name: "UserNotFoundException" });
    await expect(
      admin.send(new GetUserAuthFactorsCommand({ AccessToken: "not.a.token" })),
    ).rejects.toMatchObject({
      name: "NotAuthorizedException",
    });
  });

  it("asks for MFA after a password factor, not after a passwordless one", async () => {
    // Runs last: it turns MFA on for the pool. Gus chose email MFA in the test above.
    await admin.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: ids.userPoolId,
        MfaConfiguration: "OPTIONAL",
        EmailMfaConfiguration: {},
      }),
    );
    const password = await userAuth("gus", { PREFERRED_CHALLENGE: "PASSWORD", PASSWORD: "Passw0rd!gus" });
    expect(password.ChallengeName).toBe("EMAIL_OTP");
    expect(password.AuthenticationResult).toBeUndefined();
    const mfaCode = await latestCode(server.dataDir, "gus@example.com");
    const afterMfa = await respond("EMAIL_OTP", password.Session, {
      USERNAME: "gus",
      EMAIL_OTP_CODE: mfaCode,
    });
    expect(afterMfa.AuthenticationResult?.AccessToken).toBeTruthy();

    const passwordless = await userAuth("gus", { PREFERRED_CHALLENGE: "EMAIL_OTP" });
    expect(passwordless.ChallengeName).toBe("EMAIL_OTP");
    const code = await latestCode(server.dataDir, "gus@example.com");
    const signedIn = await respond("EMAIL_OTP", passwordless.Session, {
      USERNAME: "gus",
      EMAIL_OTP_CODE: code,
    });
    expect(signedIn.AuthenticationResult?.AccessToken).toBeTruthy();
  });
});
