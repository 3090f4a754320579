import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  type CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type {
  CustomEmailSenderTriggerEvent,
  CustomMessageTriggerEvent,
  CustomSMSSenderTriggerEvent,
  PostAuthenticationTriggerEvent,
  PostConfirmationTriggerEvent,
  PreAuthenticationTriggerEvent,
  PreSignUpTriggerEvent,
  PreTokenGenerationTriggerEvent,
  PreTokenGenerationV2TriggerEvent,
  UserMigrationTriggerEvent,
} from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptCode } from "../../examples/triggers/lib/cognate-code.mjs";
import { latestMessage } from "../support/outbox.js";
import { createPoolAndClient } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { type RecordingWebhook, startRecordingWebhook } from "./support/webhooks.js";

// The event each trigger receives, field by field, for every source the wired actions produce. Each
// expectation is typed with DefinitelyTyped's aws-lambda event types, so a field Lambda code reads under
// another name or type would not compile. (Sources fired from actions other helpers own are checked at
// the hook level in event-sources.test.ts.)

const backends = await testBackends();
const SECRET = "events-trigger-secret-0123456789";
const PASSWORD = "Corr3ct-Horse-Battery!";
const KMS_KEY = "arn:aws:kms:us-east-1:000000000000:key/11111111-2222-3333-4444-555555555555";

const envelope = <Source extends string>(
  triggerSource: Source,
  userPoolId: string,
  userName: string,
  clientId?: string,
) => ({
  version: "1",
  triggerSource,
  region: "us-east-1",
  userPoolId,
  userName,
  callerContext: {
    awsSdkVersion: "aws-sdk-unknown-unknown",
    clientId: clientId ?? "CLIENT_ID_NOT_APPLICABLE",
  },
});

describe.each(backends)("trigger events on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let hook: RecordingWebhook;

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { COGNATE_WEBHOOK_ALLOW_PRIVATE: "true" } });
    admin = server.adminClient();
    hook = await startRecordingWebhook(SECRET);
  });
  afterAll(async () => {
    await server.stop();
    await hook.close();
  });

  const everyTrigger = () => ({
    PreSignUp: hook.url,
    PostConfirmation: hook.url,
    PreAuthentication: hook.url,
    PostAuthentication: hook.url,
    CustomMessage: hook.url,
    UserMigration: hook.url,
    PreTokenGeneration: hook.url,
  });
  const pool = (lambdaConfig: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    createPoolAndClient(admin, {
      LambdaConfig: lambdaConfig,
      UserPoolTags: { "cognate:trigger-secret": SECRET },
      AutoVerifiedAttributes: ["email"],
      AliasAttributes: ["email"],
      ...extra,
    });
  const last = (source: string) => hook.events(source).at(-1);

  it("sign-up, confirmation and sign-in send PreSignUp, CustomMessage, PostConfirmation, PreAuthentication, PostAuthentication and TokenGeneration events", async () => {
    const ids = await pool(everyTrigger());
    const { userPoolId, clientId } = ids;
    const email = `ann.${backend}@mail.example`;
    const { UserSub: sub } = await admin.send(
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

    await admin.send(
      new ResendConfirmationCodeCommand({ ClientId: clientId, Username: "ann", ClientMetadata: { n: "2" } }),
    );
    expect(last("CustomMessage_ResendCode")).toEqual({
      ...message,
      triggerSource: "CustomMessage_ResendCode",
      request: { ...message.request, clientMetadata: { n: "2" } },
    });

    const code = (await latestMessage(server.dataDir, email)).code ?? "";
    await admin.send(
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

    const signedIn = await admin.send(
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

    await admin.send(
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
    expect(hook.calls.every((call) => call.signatureValid)).toBe(true);
  });

  it("AdminCreateUser, the new-password challenge and AdminConfirmSignUp send their own sources", async () => {
    const ids = await pool(
      { ...everyTrigger(), PreTokenGenerationConfig: { LambdaVersion: "V2_0", LambdaArn: hook.url } },
      { AliasAttributes: [] },
    );
    const { userPoolId, clientId } = ids;
    const email = `ben.${backend}@mail.example`;
    const created = await admin.send(
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

    const started = await admin.send(
      new AdminInitiateAuthCommand({
        UserPoolId: userPoolId,
        ClientId: clientId,
        AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "ben", PASSWORD: "Temp-Passw0rd!x" },
      }),
    );
    await admin.send(
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

    await admin.send(new SignUpCommand({ ClientId: clientId, Username: "cleo", Password: PASSWORD }));
    await admin.send(
      new AdminConfirmSignUpCommand({
        UserPoolId: userPoolId,
        Username: "cleo",
        ClientMetadata: { by: "admin" },
      }),
    );
    expect(last("PostConfirmation_ConfirmSignUp")).toMatchObject({
      ...envelope("PostConfirmation_ConfirmSignUp", userPoolId, "cleo"),
      request: { userAttributes: { "cognito:user_status": "CONFIRMED" }, clientMetadata: { by: "admin" } },
    });
  });

  it("an auto-confirmed sign-up goes straight to PostConfirmation, and UserMigration gets the typed name and password", async () => {
    const ids = await pool({ ...everyTrigger(), CustomMessage: undefined });
    hook.respondWith((event) =>
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
    const { UserSub, UserConfirmed } = await admin.send(
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

    await admin.send(
      new InitiateAuthCommand({
        ClientId: ids.clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "olduser", PASSWORD: "Legacy-Passw0rd!x" },
        ClientMetadata: { app: "mobile" },
      }),
    );
    hook.respondWith((event) => event);
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
        CustomEmailSender: { LambdaVersion: "V1_0", LambdaArn: hook.url },
        CustomSMSSender: { LambdaVersion: "V1_0", LambdaArn: hook.url },
      },
      { AliasAttributes: [] },
    );
    const email = `eve.${backend}@mail.example`;
    const { UserSub } = await admin.send(
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
    await expect(latestMessage(server.dataDir, email)).rejects.toThrow();
    await admin.send(
      new ConfirmSignUpCommand({ ClientId: ids.clientId, Username: "eve", ConfirmationCode: code }),
    );
    expect(() =>
      decryptCode(emailEvent.request.code ?? "", { secret: SECRET, keyId: "another-key" }),
    ).toThrow();

    await admin.send(
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
