import { createHmac } from "node:crypto";
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { latestCode } from "../support/outbox.js";
import { createPoolAndClient } from "../support/pool-setup.js";
import { testBackends } from "../support/server.js";
import { NEW_PASSWORD, PASSWORD, useForgotPassword } from "./support/forgot-password-setup.js";

const backends = await testBackends();

describe.each(backends)("ForgotPassword and ConfirmForgotPassword on %s", (backend) => {
  const ctx = useForgotPassword(backend);
  const { signIn, newUser } = ctx;

  it("refuses users with a temporary password and disabled users", async () => {
    await ctx.admin.send(
      new AdminCreateUserCommand({
        UserPoolId: ctx.legacy.userPoolId,
        Username: "invited",
        MessageAction: "SUPPRESS",
        UserAttributes: [
          { Name: "email", Value: "invited@example.com" },
          { Name: "email_verified", Value: "true" },
        ],
      }),
    );
    await expect(
      ctx.admin.send(new ForgotPasswordCommand({ ClientId: ctx.legacy.clientId, Username: "invited" })),
    ).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "User password cannot be reset in the current state.",
    });
    const user = await newUser(ctx.legacy, { email: true });
    await ctx.admin.send(
      new AdminDisableUserCommand({ UserPoolId: ctx.legacy.userPoolId, Username: user.username }),
    );
    await expect(
      ctx.admin.send(new ForgotPasswordCommand({ ClientId: ctx.legacy.clientId, Username: user.username })),
    ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "User is disabled." });
  });

  it("answers unknown users with UserNotFoundException (LEGACY)", async () => {
    await expect(
      ctx.admin.send(new ForgotPasswordCommand({ ClientId: ctx.legacy.clientId, Username: "nobody" })),
    ).rejects.toMatchObject({
      name: "UserNotFoundException",
      message: "Username/client id combination not found.",
    });
    await expect(
      ctx.admin.send(
        new ConfirmForgotPasswordCommand({
          ClientId: ctx.legacy.clientId,
          Username: "nobody",
          ConfirmationCode: "123456",
          Password: NEW_PASSWORD,
        }),
      ),
    ).rejects.toMatchObject({
      name: "UserNotFoundException",
      message: "Username/client id combination not found.",
    });
  });

  it("hides unknown users when the client prevents user existence errors", async () => {
    const hiding = await createPoolAndClient(ctx.admin, {}, { PreventUserExistenceErrors: "ENABLED" });
    const ask = () =>
      ctx.admin.send(new ForgotPasswordCommand({ ClientId: hiding.clientId, Username: "ghost@example.com" }));
    const first = await ask();
    expect(first.CodeDeliveryDetails).toEqual({
      AttributeName: "email",
      DeliveryMedium: "EMAIL",
      Destination: "g***@e***",
    });
    expect((await ask()).CodeDeliveryDetails).toEqual(first.CodeDeliveryDetails);
    await expect(
      ctx.admin.send(
        new ConfirmForgotPasswordCommand({
          ClientId: hiding.clientId,
          Username: "ghost@example.com",
          ConfirmationCode: "123456",
          Password: NEW_PASSWORD,
        }),
      ),
    ).rejects.toMatchObject({
      name: "CodeMismatchException",
      message: "Invalid verification code provided, please try again.",
    });
  });

  it("refuses a wrong code, and a weak password without spending the code", async () => {
    const user = await newUser(ctx.legacy, { email: true });
    await ctx.admin.send(
      new ForgotPasswordCommand({ ClientId: ctx.legacy.clientId, Username: user.username }),
    );
    const code = await latestCode(ctx.server.dataDir, user.email);
    const confirm = (ConfirmationCode: string, Password: string) =>
      ctx.admin.send(
        new ConfirmForgotPasswordCommand({
          ClientId: ctx.legacy.clientId,
          Username: user.username,
          ConfirmationCode,
          Password,
        }),
      );
    await expect(confirm(code === "000000" ? "000001" : "000000", NEW_PASSWORD)).rejects.toMatchObject({
      name: "CodeMismatchException",
      message: "Invalid verification code provided, please try again.",
    });
    await expect(confirm(code, "weak")).rejects.toMatchObject({ name: "InvalidPasswordException" });
    await confirm(code, NEW_PASSWORD);
    expect((await signIn(ctx.legacy, user.username, NEW_PASSWORD)).AuthenticationResult).toBeDefined();
  });

  it("finishes AdminResetUserPassword: RESET_REQUIRED becomes CONFIRMED", async () => {
    const user = await newUser(ctx.legacy, { email: true });
    await ctx.admin.send(
      new AdminResetUserPasswordCommand({ UserPoolId: ctx.legacy.userPoolId, Username: user.username }),
    );
    await expect(signIn(ctx.legacy, user.username, PASSWORD)).rejects.toMatchObject({
      name: "PasswordResetRequiredException",
    });
    const code = await latestCode(ctx.server.dataDir, user.email);
    await ctx.admin.send(
      new ConfirmForgotPasswordCommand({
        ClientId: ctx.legacy.clientId,
        Username: user.username,
        ConfirmationCode: code,
        Password: NEW_PASSWORD,
      }),
    );
    const after = await ctx.admin.send(
      new AdminGetUserCommand({ UserPoolId: ctx.legacy.userPoolId, Username: user.username }),
    );
    expect(after.UserStatus).toBe("CONFIRMED");
    expect((await signIn(ctx.legacy, user.username, NEW_PASSWORD)).AuthenticationResult).toBeDefined();
  });

  it("requires SECRET_HASH from clients with a secret", async () => {
    const secretive = await createPoolAndClient(ctx.admin, {}, { GenerateSecret: true });
    const user = await newUser(secretive, { email: true });
    await expect(
      ctx.admin.send(new ForgotPasswordCommand({ ClientId: secretive.clientId, Username: user.username })),
    ).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: `Client ${secretive.clientId} is configured with secret but SECRET_HASH was not received`,
    });
    const secretHash = createHmac("sha256", secretive.clientSecret ?? "")
      .update(user.username + secretive.clientId)
      .digest("base64");
    const sent = await ctx.admin.send(
      new ForgotPasswordCommand({
        ClientId: secretive.clientId,
        Username: user.username,
        SecretHash: secretHash,
      }),
    );
    expect(sent.CodeDeliveryDetails?.DeliveryMedium).toBe("EMAIL");
  });
});
