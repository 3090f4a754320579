import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type {
  CustomMessageTriggerEvent,
  PostAuthenticationTriggerEvent,
  PostConfirmationTriggerEvent,
  PreAuthenticationTriggerEvent,
  PreSignUpTriggerEvent,
  PreTokenGenerationTriggerEvent,
  PreTokenGenerationV2TriggerEvent,
} from "aws-lambda";
import { describe, expect, it } from "vitest";
import { latestMessage } from "../support/outbox.js";
import { testBackends } from "../support/server.js";
import { envelope, PASSWORD, useTriggerEvents } from "./support/events-setup.js";

// The event each trigger receives, field by field, for every source the wired actions produce. Each
// expectation is typed with DefinitelyTyped's aws-lambda event types, so a field Lambda code reads under
// another name or type would not compile. (Sources fired from actions other helpers own are checked at
// the hook level in event-sources-*.test.ts.)

const backends = await testBackends();

describe.each(backends)("trigger events on %s", (backend) => {
  const ctx = useTriggerEvents(backend);
  const { everyTrigger, pool, last } = ctx;

  it("sign-up, confirmation and sign-in send PreSignUp, CustomMessage, PostConfirmation, PreAuthentication, PostAuthentication and TokenGeneration events", async () => {
    const ids = await pool(everyTrigger());
    const { userPoolId, clientId } = ids;
    const email = `ann.${backend}@mail.example`;
    const { UserSub: sub } = await ctx.admin.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: "ann",
        Password: PASSWORD,
        UserAttributes: [
          { Name: "email", Value: email },
          { Name: "given_name", Value: "Ann" },
        ],
        ValidationData: [{ Name: "captcha", Value: "ok" }],
        ClientMetadata: { origin: "signup-form" },
      }),
    );
    const preSignUp: PreSignUpTriggerEvent = {
      ...envelope("PreSignUp_SignUp", userPoolId, "ann", clientId),
      request: {
        userAttributes: { email, given_name: "Ann" },
        validationData: { captcha: "ok" },
        clientMetadata: { origin: "signup-form" },
      },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    } as PreSignUpTriggerEvent;
    expect(last("PreSignUp_SignUp")).toEqual(preSignUp);

    const unconfirmed = { sub: sub ?? "", email, given_name: "Ann", "cognito:user_status": "UNCONFIRMED" };
    const message: CustomMessageTriggerEvent = {
      ...envelope("CustomMessage_SignUp", userPoolId, "ann", clientId),
      request: {
        userAttributes: unconfirmed,
        codeParameter: "{####}",
        linkParameter: "{##Click Here##}",
        usernameParameter: null,
        clientMetadata: { origin: "signup-form" },
      },
      response: { smsMessage: null, emailMessage: null, emailSubject: null },
    } as CustomMessageTriggerEvent;
    expect(last("CustomMessage_SignUp")).toEqual(message);

    await ctx.admin.send(
      new ResendConfirmationCodeCommand({ ClientId: clientId, Username: "ann", ClientMetadata: { n: "2" } }),
    );
    expect(last("CustomMessage_ResendCode")).toEqual({
      ...message,
      triggerSource: "CustomMessage_ResendCode",
      request: { ...message.request, clientMetadata: { n: "2" } },
    });

    const code = (await latestMessage(ctx.server.dataDir, email)).code ?? "";
    await ctx.admin.send(
      new ConfirmSignUpCommand({
        ClientId: clientId,
        Username: "ann",
        ConfirmationCode: code,
        ClientMetadata: { step: "confirm" },
      }),
    );
    const confirmed = {
      sub: sub ?? "",
      email,
      given_name: "Ann",
      email_verified: "true",
      "cognito:email_alias": email,
      "cognito:user_status": "CONFIRMED",
    };
    const postConfirmation: PostConfirmationTriggerEvent = {
      ...envelope("PostConfirmation_ConfirmSignUp", userPoolId, "ann", clientId),
      request: { userAttributes: confirmed, clientMetadata: { step: "confirm" } },
      response: {},
    };
    expect(last("PostConfirmation_ConfirmSignUp")).toEqual(postConfirmation);

    const signedIn = await ctx.admin.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: email, PASSWORD },
        ClientMetadata: { device: "web" },
      }),
    );
    const preAuthentication: PreAuthenticationTriggerEvent = {
      ...envelope("PreAuthentication_Authentication", userPoolId, "ann", clientId),
      request: { userAttributes: confirmed, validationData: { device: "web" } },
      response: {},
    };
    expect(last("PreAuthentication_Authentication")).toEqual(preAuthentication);
    // InitiateAuth's ClientMetadata goes to PreAuthentication only (as validationData).
    const postAuthentication: PostAuthenticationTriggerEvent = {
      ...envelope("PostAuthentication_Authentication", userPoolId, "ann", clientId),
      request: { userAttributes: confirmed, newDeviceUsed: false },
      response: {},
    };
    expect(last("PostAuthentication_Authentication")).toEqual(postAuthentication);
    const tokenGeneration: PreTokenGenerationTriggerEvent = {
      ...envelope("TokenGeneration_Authentication", userPoolId, "ann", clientId),
      request: {
        userAttributes: confirmed,
        groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
      },
      response: { claimsOverrideDetails: null },
    } as unknown as PreTokenGenerationTriggerEvent;
    expect(last("TokenGeneration_Authentication")).toEqual(tokenGeneration);

    await ctx.admin.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN: signedIn.AuthenticationResult?.RefreshToken ?? "" },
      }),
    );
    expect(last("TokenGeneration_RefreshTokens")).toEqual({
      ...tokenGeneration,
      triggerSource: "TokenGeneration_RefreshTokens",
    });
    expect(ctx.hook.calls.every((call) => call.signatureValid)).toBe(true);
  });

  it("AdminCreateUser, the new-password challenge and AdminConfirmSignUp send their own sources", async () => {
    const ids = await pool(
      { ...everyTrigger(), PreTokenGenerationConfig: { LambdaVersion: "V2_0", LambdaArn: ctx.hook.url } },
      { AliasAttributes: [] },
    );
    const { userPoolId, clientId } = ids;
    const email = `ben.${backend}@mail.example`;
    const created = await ctx.admin.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: "ben",
        TemporaryPassword: "Temp-Passw0rd!x",
        UserAttributes: [{ Name: "email", Value: email }],
        DesiredDeliveryMediums: ["EMAIL"],
        ValidationData: [{ Name: "ticket", Value: "42" }],
        ClientMetadata: { by: "support" },
      }),
    );
    const sub = created.User?.Attributes?.find((a) => a.Name === "sub")?.Value ?? "";
    expect(last("PreSignUp_AdminCreateUser")).toEqual({
      ...envelope("PreSignUp_AdminCreateUser", userPoolId, "ben"),
      request: {
        userAttributes: { email },
        validationData: { ticket: "42" },
        clientMetadata: { by: "support" },
      },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    } satisfies PreSignUpTriggerEvent);
    const invited = { sub, email, "cognito:user_status": "FORCE_CHANGE_PASSWORD" };
    expect(last("CustomMessage_AdminCreateUser")).toEqual({
      ...envelope("CustomMessage_AdminCreateUser", userPoolId, "ben"),
      request: {
        userAttributes: invited,
        codeParameter: "{####}",
        linkParameter: "{##Click Here##}",
        usernameParameter: "{username}",
      },
      response: { smsMessage: null, emailMessage: null, emailSubject: null },
    } satisfies CustomMessageTriggerEvent);

    const started = await ctx.admin.send(
      new AdminInitiateAuthCommand({
        UserPoolId: userPoolId,
        ClientId: clientId,
        AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "ben", PASSWORD: "Temp-Passw0rd!x" },
      }),
    );
    await ctx.admin.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: userPoolId,
        ClientId: clientId,
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        Session: started.Session,
        ChallengeResponses: { USERNAME: "ben", NEW_PASSWORD: PASSWORD },
        ClientMetadata: { step: "new-password" },
      }),
    );
    const confirmed = { sub, email, "cognito:user_status": "CONFIRMED" };
    expect(last("PostAuthentication_Authentication")).toEqual({
      ...envelope("PostAuthentication_Authentication", userPoolId, "ben", clientId),
      request: { userAttributes: confirmed, newDeviceUsed: false, clientMetadata: { step: "new-password" } },
      response: {},
    } satisfies PostAuthenticationTriggerEvent);
    expect(last("TokenGeneration_NewPasswordChallenge")).toEqual({
      ...envelope("TokenGeneration_NewPasswordChallenge", userPoolId, "ben", clientId),
      version: "2",
      request: {
        userAttributes: confirmed,
        groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
        scopes: ["aws.cognito.signin.user.admin"],
        clientMetadata: { step: "new-password" },
      },
      response: { claimsAndScopeOverrideDetails: null },
    } as unknown as PreTokenGenerationV2TriggerEvent);

    await ctx.admin.send(new SignUpCommand({ ClientId: clientId, Username: "cleo", Password: PASSWORD }));
    await ctx.admin.send(
      new AdminConfirmSignUpCommand({
        UserPoolId: userPoolId,
        Username: "cleo",
        ClientMetadata: { by: "ctx.admin" },
      }),
    );
    expect(last("PostConfirmation_ConfirmSignUp")).toMatchObject({
      ...envelope("PostConfirmation_ConfirmSignUp", userPoolId, "cleo"),
      request: {
        userAttributes: { "cognito:user_status": "CONFIRMED" },
        clientMetadata: { by: "ctx.admin" },
      },
    });
  });
});
