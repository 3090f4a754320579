import {
  AdminGetUserAuthFactorsCommand,
  AdminSetUserMFAPreferenceCommand,
  CreateUserPoolClientCommand,
  GetUserAuthFactorsCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { latestCode } from "../support/outbox.js";
import { testBackends } from "../support/server.js";
import { createPasswordlessPool, signedInUser } from "./support.js";
import { useUserAuth } from "./user-auth-setup.js";

// AuthFlow USER_AUTH through the AWS SDK: the choice (SELECT_CHALLENGE with AvailableChallenges), a
// preferred challenge, each password form and the email and SMS codes, and the pool's and client's rules.

const backends = await testBackends();

describe.each(backends)("USER_AUTH choice-based sign-in on %s", (backend) => {
  const ctx = useUserAuth(backend);
  const { userAuth, respond } = ctx;

  it("requires ALLOW_USER_AUTH and answers unknown users as the client's existence setting says", async () => {
    const noUserAuth = await ctx.admin.send(
      new CreateUserPoolClientCommand({
        UserPoolId: ctx.ids.userPoolId,
        ClientName: "no-user-auth",
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    );
    await expect(
      ctx.admin.send(
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

    const hiding = await createPasswordlessPool(ctx.admin, { preventUserExistenceErrors: true });
    const initiate = (username: string, extra: Record<string, string> = {}) =>
      ctx.admin.send(
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
      ctx.admin.send(
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
    const token = await signedInUser(ctx.admin, ctx.ids, "gus", "Passw0rd!gus");
    expect(await ctx.admin.send(new GetUserAuthFactorsCommand({ AccessToken: token }))).toMatchObject({
      Username: "gus",
      ConfiguredUserAuthFactors: ["PASSWORD", "EMAIL_OTP"],
    });
    await ctx.admin.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: ctx.ids.userPoolId,
        Username: "gus",
        EmailMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    expect(await ctx.admin.send(new GetUserAuthFactorsCommand({ AccessToken: token }))).toMatchObject({
      PreferredMfaSetting: "EMAIL_OTP",
      UserMFASettingList: ["EMAIL_OTP"],
      ConfiguredUserAuthFactors: ["PASSWORD", "EMAIL_OTP"],
    });
    const byAdmin = await ctx.admin.send(
      new AdminGetUserAuthFactorsCommand({ UserPoolId: ctx.ids.userPoolId, Username: "uma" }),
    );
    expect(byAdmin.Username).toBe("uma");
    expect(byAdmin.ConfiguredUserAuthFactors).toEqual(["PASSWORD", "EMAIL_OTP", "SMS_OTP"]);
    expect(byAdmin.UserMFASettingList).toBeUndefined();
    expect(byAdmin.PreferredMfaSetting).toBeUndefined();
    await expect(
      ctx.admin.send(
        new AdminGetUserAuthFactorsCommand({ UserPoolId: ctx.ids.userPoolId, Username: "nobody" }),
      ),
    ).rejects.toMatchObject({ name: "UserNotFoundException" });
    await expect(
      ctx.admin.send(new GetUserAuthFactorsCommand({ AccessToken: "not.a.token" })),
    ).rejects.toMatchObject({
      name: "NotAuthorizedException",
    });
  });

  it("asks for MFA after a password factor, not after a passwordless one", async () => {
    // Runs last: it turns MFA on for the pool. Gus chose email MFA in the test above.
    await ctx.admin.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: ctx.ids.userPoolId,
        MfaConfiguration: "OPTIONAL",
        EmailMfaConfiguration: {},
      }),
    );
    const password = await userAuth("gus", { PREFERRED_CHALLENGE: "PASSWORD", PASSWORD: "Passw0rd!gus" });
    expect(password.ChallengeName).toBe("EMAIL_OTP");
    expect(password.AuthenticationResult).toBeUndefined();
    const mfaCode = await latestCode(ctx.server.dataDir, "gus@example.com");
    const afterMfa = await respond("EMAIL_OTP", password.Session, {
      USERNAME: "gus",
      EMAIL_OTP_CODE: mfaCode,
    });
    expect(afterMfa.AuthenticationResult?.AccessToken).toBeTruthy();

    const passwordless = await userAuth("gus", { PREFERRED_CHALLENGE: "EMAIL_OTP" });
    expect(passwordless.ChallengeName).toBe("EMAIL_OTP");
    const code = await latestCode(ctx.server.dataDir, "gus@example.com");
    const signedIn = await respond("EMAIL_OTP", passwordless.Session, {
      USERNAME: "gus",
      EMAIL_OTP_CODE: code,
    });
    expect(signedIn.AuthenticationResult?.AccessToken).toBeTruthy();
  });
});
