import {
  AdminResetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  ConfirmForgotPasswordCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserAttributeVerificationCodeCommand,
  UpdateUserAttributesCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type {
  CustomEmailSenderTriggerEvent,
  CustomMessageTriggerEvent,
  PreTokenGenerationV2TriggerEvent,
} from "aws-lambda";
import { describe, expect, it } from "vitest";
import { decryptCode } from "../../examples/triggers/lib/cognate-code.mjs";
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
  SECRET,
} from "./support/action-harness.js";

// ClientMetadata on its way to CustomMessage and the custom senders (UpdateUserAttributes,
// GetUserAttributeVerificationCode, AdminUpdateUserAttributes, AdminResetUserPassword), and
// GetTokensFromRefreshToken's PreTokenGeneration (TokenGeneration_RefreshTokens), through the real SDK and
// a recording webhook, asserted field by field with DefinitelyTyped's aws-lambda event types.

const backends = await testBackends();
const KMS_KEY = "arn:aws:kms:us-east-1:000000000000:key/99999999-2222-3333-4444-555555555555";

describe.each(backends)("ClientMetadata and refresh trigger sources on %s", (backend) => {
  const h = actionHarness(backend);

  it("ClientMetadata reaches CustomMessage from the attribute actions and AdminResetUserPassword", async () => {
    const ids = await h.pool({ CustomMessage: h.hook.url });
    const { userPoolId, clientId } = ids;
    h.hook.respondWith((event) => event);
    const uma = `uma.${backend}@mail.example`;
    await createConfirmedUser(h.admin, ids, "uma", PASSWORD, [
      { Name: "email", Value: uma },
      { Name: "email_verified", Value: "true" },
    ]);
    const umaSub = await h.subOf(userPoolId, "uma");
    const session = await h.signIn(clientId, "uma", PASSWORD);
    const accessToken = session.AuthenticationResult?.AccessToken ?? "";
    const umaNew = `uma.new.${backend}@mail.example`;
    await h.admin.send(
      new UpdateUserAttributesCommand({
        AccessToken: accessToken,
        UserAttributes: [{ Name: "email", Value: umaNew }],
        ClientMetadata: { screen: "profile" },
      }),
    );
    const umaNow = {
      sub: umaSub,
      email: umaNew,
      email_verified: "false",
      "cognito:user_status": "CONFIRMED",
    };
    expect(h.last("CustomMessage_UpdateUserAttribute")).toEqual({
      ...envelope("CustomMessage_UpdateUserAttribute", userPoolId, "uma", clientId),
      request: messageRequest(umaNow, { screen: "profile" }),
      response: NULL_MESSAGE,
    } as CustomMessageTriggerEvent);
    await h.admin.send(
      new GetUserAttributeVerificationCodeCommand({
        AccessToken: accessToken,
        AttributeName: "email",
        ClientMetadata: { screen: "resend" },
      }),
    );
    expect(h.last("CustomMessage_VerifyUserAttribute")).toEqual({
      ...envelope("CustomMessage_VerifyUserAttribute", userPoolId, "uma", clientId),
      request: messageRequest(umaNow, { screen: "resend" }),
      response: NULL_MESSAGE,
    } as CustomMessageTriggerEvent);

    const vic = `vic.${backend}@mail.example`;
    await createConfirmedUser(h.admin, ids, "vic", PASSWORD, [
      { Name: "email", Value: vic },
      { Name: "email_verified", Value: "true" },
    ]);
    const vicSub = await h.subOf(userPoolId, "vic");
    await h.admin.send(
      new AdminResetUserPasswordCommand({
        UserPoolId: userPoolId,
        Username: "vic",
        ClientMetadata: { by: "helpdesk" },
      }),
    );
    expect(h.last("CustomMessage_ForgotPassword")).toEqual({
      ...envelope("CustomMessage_ForgotPassword", userPoolId, "vic"),
      request: messageRequest(
        { sub: vicSub, email: vic, email_verified: "true", "cognito:user_status": "RESET_REQUIRED" },
        { by: "helpdesk" },
      ),
      response: NULL_MESSAGE,
    } as CustomMessageTriggerEvent);
    const vicNew = `vic.new.${backend}@mail.example`;
    await h.admin.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: userPoolId,
        Username: "vic",
        UserAttributes: [{ Name: "email", Value: vicNew }],
        ClientMetadata: { by: "admin-console" },
      }),
    );
    expect(h.last("CustomMessage_UpdateUserAttribute")).toEqual({
      ...envelope("CustomMessage_UpdateUserAttribute", userPoolId, "vic"),
      request: messageRequest(
        { sub: vicSub, email: vicNew, email_verified: "false", "cognito:user_status": "RESET_REQUIRED" },
        { by: "admin-console" },
      ),
      response: NULL_MESSAGE,
    } as CustomMessageTriggerEvent);
  });

  it("ClientMetadata reaches the custom email sender of AdminResetUserPassword", async () => {
    const ids = await h.pool({
      KMSKeyID: KMS_KEY,
      CustomEmailSender: { LambdaVersion: "V1_0", LambdaArn: h.hook.url },
    });
    h.hook.respondWith((event) => event);
    const email = `wes.${backend}@mail.example`;
    await createConfirmedUser(h.admin, ids, "wes", PASSWORD, [
      { Name: "email", Value: email },
      { Name: "email_verified", Value: "true" },
    ]);
    const sub = await h.subOf(ids.userPoolId, "wes");
    await h.admin.send(
      new AdminResetUserPasswordCommand({
        UserPoolId: ids.userPoolId,
        Username: "wes",
        ClientMetadata: { ticket: "T-7" },
      }),
    );
    const event = h.last("CustomEmailSender_ForgotPassword") as CustomEmailSenderTriggerEvent;
    expect(event).toEqual({
      ...envelope("CustomEmailSender_ForgotPassword", ids.userPoolId, "wes"),
      request: {
        type: "customEmailSenderRequestV1",
        code: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
        userAttributes: { sub, email, email_verified: "true", "cognito:user_status": "RESET_REQUIRED" },
        clientMetadata: { ticket: "T-7" },
      },
      response: {},
    });
    const code = decryptCode(event.request.code ?? "", { secret: SECRET, keyId: KMS_KEY });
    expect(code).toMatch(/^\d{6}$/);
    await h.admin.send(
      new ConfirmForgotPasswordCommand({
        ClientId: ids.clientId,
        Username: "wes",
        ConfirmationCode: code,
        Password: NEW_PASSWORD,
      }),
    );
    expect((await h.signIn(ids.clientId, "wes", NEW_PASSWORD)).AuthenticationResult?.IdToken).toBeTruthy();
  });

  it("GetTokensFromRefreshToken runs PreTokenGeneration (TokenGeneration_RefreshTokens) with its ClientMetadata", async () => {
    const ids = await h.pool(
      { PreTokenGenerationConfig: { LambdaVersion: "V2_0", LambdaArn: h.hook.url } },
      { RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 0 } },
    );
    const email = `rae.${backend}@mail.example`;
    await createConfirmedUser(h.admin, ids, "rae", PASSWORD, [
      { Name: "email", Value: email },
      { Name: "email_verified", Value: "true" },
    ]);
    const sub = await h.subOf(ids.userPoolId, "rae");
    h.hook.respondWith((event) => event);
    const session = await h.signIn(ids.clientId, "rae", PASSWORD);
    h.hook.respondWith((event) => {
      if (event.triggerSource !== "TokenGeneration_RefreshTokens") return event;
      if (event.request.clientMetadata?.tier === "broken") throw new Error("tier service down");
      return {
        ...event,
        response: {
          claimsAndScopeOverrideDetails: {
            idTokenGeneration: {
              claimsToAddOrOverride: { "custom:tier": event.request.clientMetadata?.tier },
            },
            accessTokenGeneration: { scopesToAdd: ["tier/read"] },
          },
        },
      };
    });
    const refreshToken = session.AuthenticationResult?.RefreshToken ?? "";
    // A failing trigger answers with its exception and does not spend the refresh token.
    await expect(
      h.admin.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: ids.clientId,
          RefreshToken: refreshToken,
          ClientMetadata: { tier: "broken" },
        }),
      ),
    ).rejects.toMatchObject({
      name: "UserLambdaValidationException",
      message: "PreTokenGeneration failed with error tier service down.",
    });
    const refreshed = await h.admin.send(
      new GetTokensFromRefreshTokenCommand({
        ClientId: ids.clientId,
        RefreshToken: refreshToken,
        ClientMetadata: { tier: "gold" },
      }),
    );
    expect(h.last("TokenGeneration_RefreshTokens")).toEqual({
      ...envelope("TokenGeneration_RefreshTokens", ids.userPoolId, "rae", ids.clientId),
      version: "2",
      request: {
        userAttributes: { sub, email, email_verified: "true", "cognito:user_status": "CONFIRMED" },
        groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
        scopes: ["aws.cognito.signin.user.admin"],
        clientMetadata: { tier: "gold" },
      },
      response: { claimsAndScopeOverrideDetails: null },
    } as unknown as PreTokenGenerationV2TriggerEvent);
    expect(claimsOf(refreshed.AuthenticationResult?.IdToken)).toMatchObject({ sub, "custom:tier": "gold" });
    expect(claimsOf(refreshed.AuthenticationResult?.AccessToken).scope).toBe(
      "aws.cognito.signin.user.admin tier/read",
    );
    expect(refreshed.AuthenticationResult?.RefreshToken).toBeTruthy();
    expect(h.hook.calls.every((call) => call.signatureValid)).toBe(true);
  });
});
