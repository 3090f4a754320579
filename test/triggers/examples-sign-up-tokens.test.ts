import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  ConfirmSignUpCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { latestMessage } from "../support/outbox.js";
import { createConfirmedUser } from "../support/pool-setup.js";
import { cases, exampleEnvironment, PASSWORD, useExampleServer } from "./support/examples-setup.js";
import { claimsOf } from "./support/identity-js.js";

// Every trigger in examples/triggers runs unchanged as a module (a Lambda ARN resolved in
// COGNATE_TRIGGERS_DIR) and as a webhook (the same handler behind serve-as-webhook.mjs), on each backend.

const { PROFILE_DB, settings } = await exampleEnvironment();

describe.each(cases)("examples/triggers on %s, as a %s", (backend, mode) => {
  const ctx = useExampleServer(backend, mode, settings);
  const { locate, pool } = ctx;

  it("PreSignUp auto-confirms @company.com sign-ups and turns the rest away", async () => {
    const ids = await pool({ PreSignUp: await locate("pre-sign-up", "pre-sign-up-company-domain.mjs") });
    const signUp = (username: string, email: string) =>
      ctx.admin.send(
        new SignUpCommand({
          ClientId: ids.clientId,
          Username: username,
          Password: PASSWORD,
          UserAttributes: [{ Name: "email", Value: email }],
        }),
      );
    const accepted = await signUp("alice", "alice@company.com");
    expect(accepted.UserConfirmed).toBe(true);
    expect(accepted.CodeDeliveryDetails).toBeUndefined();
    const alice = await ctx.admin.send(
      new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: "alice" }),
    );
    expect(alice.UserStatus).toBe("CONFIRMED");
    expect(alice.UserAttributes).toContainEqual({ Name: "email_verified", Value: "true" });

    await expect(signUp("bob", "bob@elsewhere.example")).rejects.toMatchObject({
      name: "UserLambdaValidationException",
      message: "PreSignUp failed with error Sign-up is open to company.com addresses only.",
    });
    await expect(
      ctx.admin.send(new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: "bob" })),
    ).rejects.toMatchObject({ name: "UserNotFoundException" });
  });

  it("PreTokenGeneration adds custom:loyaltyTier=gold to the ID token of vip@ customers", async () => {
    const location = await locate("loyalty", "pre-token-generation-loyalty.mjs");
    // The module variant runs as a V1_0 trigger, the webhook variant as V2_0: the example handles both.
    const version = mode === "module" ? "V1_0" : "V2_0";
    const ids = await pool({ PreTokenGenerationConfig: { LambdaVersion: version, LambdaArn: location } });
    await createConfirmedUser(ctx.admin, ids, "vip", PASSWORD, [
      { Name: "email", Value: "vip@shop.example" },
    ]);
    await createConfirmedUser(ctx.admin, ids, "regular", PASSWORD, [
      { Name: "email", Value: "me@shop.example" },
    ]);
    const idTokenOf = async (username: string) =>
      claimsOf(
        (
          await ctx.admin.send(
            new AdminInitiateAuthCommand({
              UserPoolId: ids.userPoolId,
              ClientId: ids.clientId,
              AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
              AuthParameters: { USERNAME: username, PASSWORD },
            }),
          )
        ).AuthenticationResult?.IdToken,
      );
    const vip = await idTokenOf("vip");
    expect(vip["custom:loyaltyTier"]).toBe("gold");
    expect(vip.email).toBe("vip@shop.example");
    expect((await idTokenOf("regular"))["custom:loyaltyTier"]).toBeUndefined();
  });

  it("CustomMessage sends a branded email with the username and a link carrying the code", async () => {
    const ids = await pool(
      { CustomMessage: await locate("branded", "custom-message-branded.mjs") },
      { AutoVerifiedAttributes: ["email"] },
    );
    const email = `dave.${backend}.${mode}@mail.example`;
    const out = await ctx.admin.send(
      new SignUpCommand({
        ClientId: ids.clientId,
        Username: "dave",
        Password: PASSWORD,
        UserAttributes: [{ Name: "email", Value: email }],
      }),
    );
    expect(out.CodeDeliveryDetails?.DeliveryMedium).toBe("EMAIL");
    const message = await latestMessage(ctx.server.dataDir, email);
    expect(message.subject).toBe("Welcome to Example: confirm your account");
    expect(message.code).toMatch(/^\d{6}$/);
    expect(message.body).toContain("Hello dave");
    expect(message.body).toContain(`Your code is ${message.code}.`);
    expect(message.body).toContain(`https://app.example.com/confirm?user=dave&code=${message.code}`);
  });

  it("PostConfirmation writes the profile row to an SQLite file", async () => {
    const ids = await pool(
      { PostConfirmation: await locate("profile", "post-confirmation-profile.mjs") },
      { AutoVerifiedAttributes: ["email"] },
    );
    const email = `erin.${backend}.${mode}@mail.example`;
    const { UserSub } = await ctx.admin.send(
      new SignUpCommand({
        ClientId: ids.clientId,
        Username: "erin",
        Password: PASSWORD,
        UserAttributes: [{ Name: "email", Value: email }],
      }),
    );
    const code = (await latestMessage(ctx.server.dataDir, email)).code ?? "";
    await ctx.admin.send(
      new ConfirmSignUpCommand({ ClientId: ids.clientId, Username: "erin", ConfirmationCode: code }),
    );
    const db = new Database(PROFILE_DB, { readonly: true });
    const row = db.prepare("SELECT * FROM profiles WHERE sub = ?").get(UserSub);
    db.close();
    expect(row).toMatchObject({
      sub: UserSub,
      username: "erin",
      email,
      confirmed_by: "PostConfirmation_ConfirmSignUp",
    });
  });
});
