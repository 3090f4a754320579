import {
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { latestCode } from "../support/outbox.js";
import { testBackends } from "../support/server.js";
import { NEW_PASSWORD, PASSWORD, useForgotPassword } from "./support/forgot-password-setup.js";

const backends = await testBackends();

describe.each(backends)("ForgotPassword and ConfirmForgotPassword on %s", (backend) => {
  const ctx = useForgotPassword(backend);
  const { signIn, newUser } = ctx;

  it("sends a code to the verified email; ConfirmForgotPassword sets the new password", async () => {
    const user = await newUser(ctx.legacy, { email: true });
    const sent = await ctx.admin.send(
      new ForgotPasswordCommand({ ClientId: ctx.legacy.clientId, Username: user.username }),
    );
    expect(sent.CodeDeliveryDetails).toEqual({
      AttributeName: "email",
      DeliveryMedium: "EMAIL",
      Destination: "r***@e***",
    });
    // Until confirmed, the old password keeps working.
    expect(
      (await signIn(ctx.legacy, user.username, PASSWORD)).AuthenticationResult?.AccessToken,
    ).toBeTruthy();

    const code = await latestCode(ctx.server.dataDir, user.email);
    await ctx.admin.send(
      new ConfirmForgotPasswordCommand({
        ClientId: ctx.legacy.clientId,
        Username: user.username,
        ConfirmationCode: code,
        Password: NEW_PASSWORD,
      }),
    );
    expect(
      (await signIn(ctx.legacy, user.username, NEW_PASSWORD)).AuthenticationResult?.AccessToken,
    ).toBeTruthy();
    await expect(signIn(ctx.legacy, user.username, PASSWORD)).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Incorrect username or password.",
    });
    // The code is spent.
    await expect(
      ctx.admin.send(
        new ConfirmForgotPasswordCommand({
          ClientId: ctx.legacy.clientId,
          Username: user.username,
          ConfirmationCode: code,
          Password: "Another-Passw0rd!",
        }),
      ),
    ).rejects.toMatchObject({
      name: "ExpiredCodeException",
      message: "Invalid code provided, please request a code again.",
    });
  });

  it("accepts the email alias as the Username", async () => {
    const user = await newUser(ctx.legacy, { email: true });
    const sent = await ctx.admin.send(
      new ForgotPasswordCommand({ ClientId: ctx.legacy.clientId, Username: user.email }),
    );
    expect(sent.CodeDeliveryDetails?.AttributeName).toBe("email");
    const code = await latestCode(ctx.server.dataDir, user.email);
    await ctx.admin.send(
      new ConfirmForgotPasswordCommand({
        ClientId: ctx.legacy.clientId,
        Username: user.email,
        ConfirmationCode: code,
        Password: NEW_PASSWORD,
      }),
    );
    expect((await signIn(ctx.legacy, user.email, NEW_PASSWORD)).AuthenticationResult?.IdToken).toBeTruthy();
  });

  it("without AccountRecoverySetting prefers the verified phone (Cognito's legacy order)", async () => {
    const user = await newUser(ctx.legacy, { email: true, phone: true });
    const sent = await ctx.admin.send(
      new ForgotPasswordCommand({ ClientId: ctx.legacy.clientId, Username: user.username }),
    );
    expect(sent.CodeDeliveryDetails).toEqual({
      AttributeName: "phone_number",
      DeliveryMedium: "SMS",
      Destination: `+*******${user.phone.slice(-4)}`,
    });
    expect(await latestCode(ctx.server.dataDir, user.phone)).toMatch(/^\d{6}$/);
  });

  it("follows AccountRecoverySetting priorities", async () => {
    const both = await newUser(ctx.emailFirst, { email: true, phone: true });
    const sent = await ctx.admin.send(
      new ForgotPasswordCommand({ ClientId: ctx.emailFirst.clientId, Username: both.username }),
    );
    expect(sent.CodeDeliveryDetails?.DeliveryMedium).toBe("EMAIL");
    const phoneOnly = await newUser(ctx.emailFirst, { phone: true });
    const fallback = await ctx.admin.send(
      new ForgotPasswordCommand({ ClientId: ctx.emailFirst.clientId, Username: phoneOnly.username }),
    );
    expect(fallback.CodeDeliveryDetails?.DeliveryMedium).toBe("SMS");
  });

  it("refuses users with no verified email or phone, and admin_only pools", async () => {
    const noContact =
      "Cannot reset password for the user as there is no registered/verified email or phone_number";
    const unverified = await newUser(ctx.legacy, { email: true, verified: false });
    await expect(
      ctx.admin.send(
        new ForgotPasswordCommand({ ClientId: ctx.legacy.clientId, Username: unverified.username }),
      ),
    ).rejects.toMatchObject({ name: "InvalidParameterException", message: noContact });
    const managed = await newUser(ctx.adminOnly, { email: true });
    await expect(
      ctx.admin.send(
        new ForgotPasswordCommand({ ClientId: ctx.adminOnly.clientId, Username: managed.username }),
      ),
    ).rejects.toMatchObject({ name: "InvalidParameterException", message: noContact });
  });
});
