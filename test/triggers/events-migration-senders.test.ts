import {
  AdminCreateUserCommand,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type {
  CustomEmailSenderTriggerEvent,
  CustomSMSSenderTriggerEvent,
  PostConfirmationTriggerEvent,
  UserMigrationTriggerEvent,
} from "aws-lambda";
import { describe, expect, it } from "vitest";
import { decryptCode } from "../../examples/triggers/lib/cognate-code.mjs";
import { latestMessage } from "../support/outbox.js";
import { testBackends } from "../support/server.js";
import { envelope, KMS_KEY, PASSWORD, SECRET, useTriggerEvents } from "./support/events-setup.js";

// The event each trigger receives, field by field, for every source the wired actions produce. Each
// expectation is typed with DefinitelyTyped's aws-lambda event types, so a field Lambda code reads under
// another name or type would not compile. (Sources fired from actions other helpers own are checked at
// the hook level in event-sources-*.test.ts.)

const backends = await testBackends();

describe.each(backends)("trigger events on %s", (backend) => {
  const ctx = useTriggerEvents(backend);
  const { everyTrigger, pool, last } = ctx;

  it("an auto-confirmed sign-up goes straight to PostConfirmation, and UserMigration gets the typed name and password", async () => {
    const ids = await pool({ ...everyTrigger(), CustomMessage: undefined });
    ctx.hook.respondWith((event) =>
      event.triggerSource === "PreSignUp_SignUp"
        ? { ...event, response: { ...event.response, autoConfirmUser: true, autoVerifyEmail: true } }
        : event.triggerSource === "UserMigration_Authentication"
          ? {
              ...event,
              response: {
                ...event.response,
                userAttributes: { email: "old@legacy.example", email_verified: "true" },
              },
            }
          : event,
    );
    const email = `dee.${backend}@mail.example`;
    const { UserSub, UserConfirmed } = await ctx.admin.send(
      new SignUpCommand({
        ClientId: ids.clientId,
        Username: "dee",
        Password: PASSWORD,
        UserAttributes: [{ Name: "email", Value: email }],
      }),
    );
    expect(UserConfirmed).toBe(true);
    expect(last("PostConfirmation_ConfirmSignUp")).toEqual({
      ...envelope("PostConfirmation_ConfirmSignUp", ids.userPoolId, "dee", ids.clientId),
      request: {
        userAttributes: {
          sub: UserSub ?? "",
          email,
          email_verified: "true",
          "cognito:email_alias": email,
          "cognito:user_status": "CONFIRMED",
        },
      },
      response: {},
    } satisfies PostConfirmationTriggerEvent);

    await ctx.admin.send(
      new InitiateAuthCommand({
        ClientId: ids.clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "olduser", PASSWORD: "Legacy-Passw0rd!x" },
        ClientMetadata: { app: "mobile" },
      }),
    );
    ctx.hook.respondWith((event) => event);
    expect(last("UserMigration_Authentication")).toEqual({
      ...envelope("UserMigration_Authentication", ids.userPoolId, "olduser", ids.clientId),
      request: { password: "Legacy-Passw0rd!x", validationData: { app: "mobile" } },
      response: {
        userAttributes: null,
        forceAliasCreation: null,
        enableSMSMFA: null,
        finalUserStatus: null,
        messageAction: null,
        desiredDeliveryMediums: null,
      },
    } as unknown as UserMigrationTriggerEvent);
  });

  it("custom senders get the code encrypted under the pool's key; the helper decrypts it", async () => {
    const ids = await pool(
      {
        KMSKeyID: KMS_KEY,
        CustomEmailSender: { LambdaVersion: "V1_0", LambdaArn: ctx.hook.url },
        CustomSMSSender: { LambdaVersion: "V1_0", LambdaArn: ctx.hook.url },
      },
      { AliasAttributes: [] },
    );
    const email = `eve.${backend}@mail.example`;
    const { UserSub } = await ctx.admin.send(
      new SignUpCommand({
        ClientId: ids.clientId,
        Username: "eve",
        Password: PASSWORD,
        UserAttributes: [{ Name: "email", Value: email }],
        ClientMetadata: { flow: "sender" },
      }),
    );
    const emailEvent = last("CustomEmailSender_SignUp") as CustomEmailSenderTriggerEvent;
    expect(emailEvent).toEqual({
      ...envelope("CustomEmailSender_SignUp", ids.userPoolId, "eve", ids.clientId),
      request: {
        type: "customEmailSenderRequestV1",
        code: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
        userAttributes: { sub: UserSub, email, "cognito:user_status": "UNCONFIRMED" },
        clientMetadata: { flow: "sender" },
      },
      response: {},
    });
    const code = decryptCode(emailEvent.request.code ?? "", { secret: SECRET, keyId: KMS_KEY });
    expect(code).toMatch(/^\d{6}$/);
    // Cognate sent nothing itself: the sender trigger owns delivery. The decrypted code confirms the user.
    await expect(latestMessage(ctx.server.dataDir, email)).rejects.toThrow();
    await ctx.admin.send(
      new ConfirmSignUpCommand({ ClientId: ids.clientId, Username: "eve", ConfirmationCode: code }),
    );
    expect(() =>
      decryptCode(emailEvent.request.code ?? "", { secret: SECRET, keyId: "another-key" }),
    ).toThrow();

    await ctx.admin.send(
      new AdminCreateUserCommand({
        UserPoolId: ids.userPoolId,
        Username: "sam",
        TemporaryPassword: "Temp-Passw0rd!y",
        UserAttributes: [{ Name: "phone_number", Value: "+15555550100" }],
      }),
    );
    const smsEvent = last("CustomSMSSender_AdminCreateUser") as CustomSMSSenderTriggerEvent;
    expect(smsEvent).toMatchObject({
      ...envelope("CustomSMSSender_AdminCreateUser", ids.userPoolId, "sam"),
      request: { type: "customSMSSenderRequestV1", userAttributes: { phone_number: "+15555550100" } },
    });
    expect(decryptCode(smsEvent.request.code ?? "", { secret: SECRET, keyId: KMS_KEY })).toBe(
      "Temp-Passw0rd!y",
    );
  });
});
