import {
  AdminGetUserCommand,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type {
  CustomMessageTriggerEvent,
  PostConfirmationTriggerEvent,
  UserMigrationTriggerEvent,
} from "aws-lambda";
import { describe, expect, it } from "vitest";
import { latestCode } from "../support/outbox.js";
import { createConfirmedUser } from "../support/pool-setup.js";
import { testBackends } from "../support/server.js";
import {
  actionHarness,
  claimsOf,
  envelope,
  messageRequest,
  NEW_PASSWORD,
  NULL_MESSAGE,
  PASSWORD,
} from "./support/action-harness.js";

// ForgotPassword's UserMigration_ForgotPassword and ConfirmForgotPassword's
// PostConfirmation_ConfirmForgotPassword, through the real SDK and a recording webhook, asserted field by
// field with DefinitelyTyped's aws-lambda event types.

const backends = await testBackends();

describe.each(backends)("password reset trigger sources on %s", (backend) => {
  const h = actionHarness(backend);

  it("ForgotPassword migrates an unknown user (RESET_REQUIRED) and ConfirmForgotPassword runs PostConfirmation", async () => {
    const { userPoolId, clientId } = await h.pool({
      UserMigration: h.hook.url,
      CustomMessage: h.hook.url,
      PostConfirmation: h.hook.url,
    });
    const email = `lee.${backend}@legacy.example`;
    h.hook.respondWith((event) => {
      if (event.triggerSource !== "UserMigration_ForgotPassword") return event;
      if (event.userName !== "legacy.lee") throw new Error("no such legacy user");
      return {
        ...event,
        response: {
          // CONFIRMED is not honoured here: there is no password to keep, so the user must reset.
          userAttributes: { email, email_verified: "true", given_name: "Lee" },
          finalUserStatus: "CONFIRMED",
          messageAction: "SUPPRESS",
        },
      };
    });

    const reset = await h.admin.send(
      new ForgotPasswordCommand({
        ClientId: clientId,
        Username: "legacy.lee",
        ClientMetadata: { flow: "reset" },
      }),
    );
    expect(reset.CodeDeliveryDetails).toEqual({
      Destination: "l***@l***",
      DeliveryMedium: "EMAIL",
      AttributeName: "email",
    });
    expect(h.hook.events("UserMigration_ForgotPassword")).toEqual([
      {
        ...envelope("UserMigration_ForgotPassword", userPoolId, "legacy.lee", clientId),
        request: { clientMetadata: { flow: "reset" } },
        response: {
          userAttributes: null,
          forceAliasCreation: null,
          enableSMSMFA: null,
          finalUserStatus: null,
          messageAction: null,
          desiredDeliveryMediums: null,
        },
      } as unknown as UserMigrationTriggerEvent,
    ]);
    const migrated = await h.admin.send(
      new AdminGetUserCommand({ UserPoolId: userPoolId, Username: "legacy.lee" }),
    );
    expect(migrated.UserStatus).toBe("RESET_REQUIRED");
    const sub = await h.subOf(userPoolId, "legacy.lee");
    expect(Object.fromEntries((migrated.UserAttributes ?? []).map((a) => [a.Name, a.Value]))).toEqual({
      sub,
      email,
      email_verified: "true",
      given_name: "Lee",
    });
    const migratedAttributes = { sub, email, email_verified: "true", given_name: "Lee" };
    expect(h.last("CustomMessage_ForgotPassword")).toEqual({
      ...envelope("CustomMessage_ForgotPassword", userPoolId, "legacy.lee", clientId),
      request: messageRequest(
        { ...migratedAttributes, "cognito:user_status": "RESET_REQUIRED" },
        { flow: "reset" },
      ),
      response: NULL_MESSAGE,
    } as CustomMessageTriggerEvent);
    // No password was kept: sign-in asks for the reset until it is confirmed, and the trigger is not run again.
    await expect(h.signIn(clientId, "legacy.lee", PASSWORD)).rejects.toMatchObject({
      name: "PasswordResetRequiredException",
      message: "Password reset required for the user",
    });

    await h.admin.send(
      new ConfirmForgotPasswordCommand({
        ClientId: clientId,
        Username: "legacy.lee",
        ConfirmationCode: await latestCode(h.server.dataDir, email),
        Password: NEW_PASSWORD,
        ClientMetadata: { step: "confirm" },
      }),
    );
    expect(h.last("PostConfirmation_ConfirmForgotPassword")).toEqual({
      ...envelope("PostConfirmation_ConfirmForgotPassword", userPoolId, "legacy.lee", clientId),
      request: {
        userAttributes: { ...migratedAttributes, "cognito:user_status": "CONFIRMED" },
        clientMetadata: { step: "confirm" },
      },
      response: {},
    } as PostConfirmationTriggerEvent);
    const tokens = await h.signIn(clientId, "legacy.lee", NEW_PASSWORD);
    expect(claimsOf(tokens.AuthenticationResult?.IdToken)).toMatchObject({ sub, email, given_name: "Lee" });
    expect(h.hook.events("UserMigration_ForgotPassword")).toHaveLength(1);

    // A function that throws means "no such user", in Cognito's words.
    await expect(
      h.admin.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "nobody" })),
    ).rejects.toMatchObject({
      name: "UserNotFoundException",
      message: `Exception migrating user in app client ${clientId}`,
    });
    expect(h.hook.events("UserMigration_ForgotPassword").at(-1)).toEqual({
      ...envelope("UserMigration_ForgotPassword", userPoolId, "nobody", clientId),
      request: {},
      response: expect.objectContaining({ userAttributes: null }),
    });
    await expect(
      h.admin.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: "nobody" })),
    ).rejects.toMatchObject({ name: "UserNotFoundException" });
  });

  it("a failing PostConfirmation leaves the user's password as it was", async () => {
    const ids = await h.pool({ PostConfirmation: h.hook.url });
    const email = `pat.${backend}@mail.example`;
    await createConfirmedUser(h.admin, ids, "pat", PASSWORD, [
      { Name: "email", Value: email },
      { Name: "email_verified", Value: "true" },
    ]);
    h.hook.respondWith((event) => {
      if (event.triggerSource === "PostConfirmation_ConfirmForgotPassword")
        throw new Error("profile store down");
      return event;
    });
    await h.admin.send(new ForgotPasswordCommand({ ClientId: ids.clientId, Username: "pat" }));
    await expect(
      h.admin.send(
        new ConfirmForgotPasswordCommand({
          ClientId: ids.clientId,
          Username: "pat",
          ConfirmationCode: await latestCode(h.server.dataDir, email),
          Password: NEW_PASSWORD,
        }),
      ),
    ).rejects.toMatchObject({
      name: "UserLambdaValidationException",
      message: "PostConfirmation failed with error profile store down.",
    });
    const sub = await h.subOf(ids.userPoolId, "pat");
    expect(h.last("PostConfirmation_ConfirmForgotPassword")).toEqual({
      ...envelope("PostConfirmation_ConfirmForgotPassword", ids.userPoolId, "pat", ids.clientId),
      request: {
        userAttributes: { sub, email, email_verified: "true", "cognito:user_status": "CONFIRMED" },
      },
      response: {},
    });
    const user = await h.admin.send(new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: "pat" }));
    expect(user.UserStatus).toBe("CONFIRMED");
    expect((await h.signIn(ids.clientId, "pat", PASSWORD)).AuthenticationResult?.AccessToken).toBeTruthy();
    await expect(h.signIn(ids.clientId, "pat", NEW_PASSWORD)).rejects.toMatchObject({
      name: "NotAuthorizedException",
    });
  });
});
