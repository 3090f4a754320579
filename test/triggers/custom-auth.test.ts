import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfirmedUser, createPoolAndClient } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { answerCustomChallenge, claimsOf, customAuthWithSrp, identityJsUser } from "./support/identity-js.js";
import { type RecordingWebhook, startRecordingWebhook } from "./support/webhooks.js";

// CUSTOM_AUTH: the Define/Create/Verify loop, its session history, challengeMetadata and
// privateChallengeParameters, starting with SRP, failAuthentication, and unknown users.

const backends = await testBackends();
const SECRET = "custom-auth-trigger-secret-0123456789";
const PASSWORD = "Corr3ct-Horse-Battery!";

// biome-ignore lint/suspicious/noExplicitAny: the webhook answers any of the three events.
type AnyEvent = any;

/** Define: SRP first when asked, then one custom challenge ("what is 6 x 7?"); two wrong answers fail. */
function referee(event: AnyEvent): AnyEvent {
  if (event.triggerSource === "DefineAuthChallenge_Authentication") {
    const session = event.request.session as Array<{ challengeName: string; challengeResult: boolean }>;
    const last = session.at(-1);
    const response = {
      challengeName: undefined as string | undefined,
      issueTokens: false,
      failAuthentication: false,
    };
    if (last?.challengeName === "SRP_A") response.challengeName = "PASSWORD_VERIFIER";
    else if (last?.challengeName === "PASSWORD_VERIFIER" && !last.challengeResult)
      response.failAuthentication = true;
    else if (last?.challengeName === "CUSTOM_CHALLENGE" && last.challengeResult) response.issueTokens = true;
    else if (session.filter((entry) => entry.challengeName === "CUSTOM_CHALLENGE").length >= 2)
      response.failAuthentication = true;
    else response.challengeName = "CUSTOM_CHALLENGE";
    return { ...event, response };
  }
  if (event.triggerSource === "CreateAuthChallenge_Authentication") {
    const round =
      event.request.session.filter((s: AnyEvent) => s.challengeName === "CUSTOM_CHALLENGE").length + 1;
    return {
      ...event,
      response: {
        publicChallengeParameters: { question: "What is 6 x 7?" },
        privateChallengeParameters: { answer: "42" },
        challengeMetadata: `ROUND-${round}`,
      },
    };
  }
  return {
    ...event,
    response: {
      answerCorrect: event.request.challengeAnswer === event.request.privateChallengeParameters.answer,
    },
  };
}

describe.each(backends)("CUSTOM_AUTH on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let hook: RecordingWebhook;
  let ids: { userPoolId: string; clientId: string };

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { COGNATE_WEBHOOK_ALLOW_PRIVATE: "true" } });
    admin = server.adminClient();
    hook = await startRecordingWebhook(SECRET, referee);
    ids = await createPoolAndClient(
      admin,
      {
        LambdaConfig: {
          DefineAuthChallenge: hook.url,
          CreateAuthChallenge: hook.url,
          VerifyAuthChallengeResponse: hook.url,
        },
        UserPoolTags: { "cognate:trigger-secret": SECRET },
      },
      {
        ExplicitAuthFlows: [
          "ALLOW_CUSTOM_AUTH",
          "ALLOW_USER_SRP_AUTH",
          "ALLOW_ADMIN_USER_PASSWORD_AUTH",
          "ALLOW_REFRESH_TOKEN_AUTH",
        ],
      },
    );
    await createConfirmedUser(admin, ids, "quinn", PASSWORD, [
      { Name: "email", Value: "quinn@mail.example" },
    ]);
  });
  afterAll(async () => {
    await server.stop();
    await hook.close();
  });

  const start = (username = "quinn") =>
    admin.send(
      new InitiateAuthCommand({
        ClientId: ids.clientId,
        AuthFlow: "CUSTOM_AUTH",
        AuthParameters: { USERNAME: username },
        ClientMetadata: { ignored: "by custom auth triggers at InitiateAuth" },
      }),
    );
  const answer = (session: string | undefined, value: string, metadata?: Record<string, string>) =>
    admin.send(
      new RespondToAuthChallengeCommand({
        ClientId: ids.clientId,
        ChallengeName: "CUSTOM_CHALLENGE",
        Session: session,
        ChallengeResponses: { USERNAME: "quinn", ANSWER: value },
        ...(metadata ? { ClientMetadata: metadata } : {}),
      }),
    );

  it("runs Define → Create → Verify → Define with the session history, metadata and private parameters", async () => {
    hook.calls.length = 0;
    const first = await start();
    expect(first).toMatchObject({
      ChallengeName: "CUSTOM_CHALLENGE",
      ChallengeParameters: { question: "What is 6 x 7?", USERNAME: "quinn" },
    });
    expect(first.Session?.length).toBeGreaterThan(20);
    // The private parameters travel only inside the encrypted Session.
    expect(JSON.stringify(first.ChallengeParameters)).not.toContain("42");
    const sealed = (first.Session ?? "")
      .split(".")
      .map((part) => Buffer.from(part, "base64url").toString("latin1"));
    expect(sealed.join("")).not.toContain('"answer"');

    const wrong = await answer(first.Session, "41", { attempt: "1" });
    expect(wrong.ChallengeName).toBe("CUSTOM_CHALLENGE");
    const right = await answer(wrong.Session, "42", { attempt: "2" });
    expect(claimsOf(right.AuthenticationResult?.IdToken)).toMatchObject({ "cognito:username": "quinn" });

    const events = hook.events();
    const quinn = events[0].request.userAttributes;
    expect(quinn).toMatchObject({ email: "quinn@mail.example", "cognito:user_status": "CONFIRMED" });
    const base = (triggerSource: string) => ({
      version: "1",
      triggerSource,
      region: "us-east-1",
      userPoolId: ids.userPoolId,
      userName: "quinn",
      callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: ids.clientId },
    });
    expect(events.map((event) => event.triggerSource)).toEqual([
      "DefineAuthChallenge_Authentication",
      "CreateAuthChallenge_Authentication",
      "VerifyAuthChallengeResponse_Authentication",
      "DefineAuthChallenge_Authentication",
      "CreateAuthChallenge_Authentication",
      "VerifyAuthChallengeResponse_Authentication",
      "DefineAuthChallenge_Authentication",
    ]);
    expect(events[0]).toEqual({
      ...base("DefineAuthChallenge_Authentication"),
      request: { userAttributes: quinn, session: [] },
      response: { challengeName: null, issueTokens: null, failAuthentication: null },
    } as unknown as DefineAuthChallengeTriggerEvent);
    expect(events[1]).toEqual({
      ...base("CreateAuthChallenge_Authentication"),
      request: { userAttributes: quinn, challengeName: "CUSTOM_CHALLENGE", session: [] },
      response: {
        publicChallengeParameters: null,
        privateChallengeParameters: null,
        challengeMetadata: null,
      },
    } as unknown as CreateAuthChallengeTriggerEvent);
    expect(events[2]).toEqual({
      ...base("VerifyAuthChallengeResponse_Authentication"),
      request: {
        userAttributes: quinn,
        privateChallengeParameters: { answer: "42" },
        challengeAnswer: "41",
        clientMetadata: { attempt: "1" },
      },
      response: { answerCorrect: null },
    } as unknown as VerifyAuthChallengeResponseTriggerEvent);
    const afterWrong = [
      { challengeName: "CUSTOM_CHALLENGE", challengeResult: false, challengeMetadata: "ROUND-1" },
    ];
    expect(events[3].request).toEqual({
      userAttributes: quinn,
      session: afterWrong,
      clientMetadata: { attempt: "1" },
    });
    expect(events[4].request).toEqual({
      userAttributes: quinn,
      challengeName: "CUSTOM_CHALLENGE",
      session: afterWrong,
      clientMetadata: { attempt: "1" },
    });
    expect(events[6].request.session).toEqual([
      ...afterWrong,
      { challengeName: "CUSTOM_CHALLENGE", challengeResult: true, challengeMetadata: "ROUND-2" },
    ]);
  });

  it("fails when Define says failAuthentication, and never answers with tokens for a wrong answer", async () => {
    const first = await start();
    const second = await answer(first.Session, "0");
    expect(second.ChallengeName).toBe("CUSTOM_CHALLENGE");
    expect(second.AuthenticationResult).toBeUndefined();
    await expect(answer(second.Session, "1")).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Incorrect username or password.",
    });
  });

  it("starts with SRP when the client sends CHALLENGE_NAME=SRP_A (amazon-cognito-identity-js authenticateUser)", async () => {
    hook.calls.length = 0;
    const user = identityJsUser(server.url, ids.userPoolId, ids.clientId, "quinn");
    const step = await customAuthWithSrp(user, PASSWORD);
    expect(step).toEqual({
      kind: "custom-challenge",
      parameters: { question: "What is 6 x 7?", USERNAME: "quinn" },
    });
    const done = await answerCustomChallenge(user, "42");
    expect(done.kind).toBe("success");
    const defines = hook.events("DefineAuthChallenge_Authentication");
    expect(defines[0].request.session).toEqual([{ challengeName: "SRP_A", challengeResult: true }]);
    expect(defines[1].request.session).toEqual([
      { challengeName: "SRP_A", challengeResult: true },
      { challengeName: "PASSWORD_VERIFIER", challengeResult: true },
    ]);

    const wrong = identityJsUser(server.url, ids.userPoolId, ids.clientId, "quinn");
    await expect(customAuthWithSrp(wrong, "Not-The-Passw0rd!")).rejects.toMatchObject({
      code: "NotAuthorizedException",
      message: "Incorrect username or password.",
    });
    expect(hook.events("DefineAuthChallenge_Authentication").at(-1).request.session).toEqual([
      { challengeName: "SRP_A", challengeResult: true },
      { challengeName: "PASSWORD_VERIFIER", challengeResult: false },
    ]);
  });

  it("works through AdminInitiateAuth and AdminRespondToAuthChallenge too", async () => {
    const first = await admin.send(
      new AdminInitiateAuthCommand({
        UserPoolId: ids.userPoolId,
        ClientId: ids.clientId,
        AuthFlow: "CUSTOM_AUTH",
        AuthParameters: { USERNAME: "quinn" },
      }),
    );
    expect(first.ChallengeParameters?.USERNAME).toBe("quinn");
    const done = await admin.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: ids.userPoolId,
        ClientId: ids.clientId,
        ChallengeName: "CUSTOM_CHALLENGE",
        Session: first.Session,
        ChallengeResponses: { USERNAME: "quinn", ANSWER: "42" },
      }),
    );
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it("answers Cognito's errors for unknown users, tampered sessions, missing answers and bad Define answers", async () => {
    await expect(start("nobody")).rejects.toMatchObject({ name: "UserNotFoundException" });
    const first = await start();
    await expect(answer(`${first.Session}x`, "42")).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Invalid session for the user.",
    });
    await expect(
      admin.send(
        new RespondToAuthChallengeCommand({
          ClientId: ids.clientId,
          ChallengeName: "CUSTOM_CHALLENGE",
          Session: first.Session,
          ChallengeResponses: { USERNAME: "quinn" },
        }),
      ),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Missing required parameter ANSWER",
    });
    hook.respondWith((event) =>
      event.triggerSource === "DefineAuthChallenge_Authentication"
        ? { ...event, response: { challengeName: "SMS_MFA", issueTokens: false, failAuthentication: false } }
        : referee(event),
    );
    await expect(start()).rejects.toMatchObject({
      name: "InvalidLambdaResponseException",
      message: "Unrecognizable lambda output",
    });
    hook.respondWith(referee);
  });

  it("runs the loop with userNotFound when the client hides user existence, and never issues tokens", async () => {
    const hiding = await admin.send(
      new CreateUserPoolClientCommand({
        UserPoolId: ids.userPoolId,
        ClientName: "hiding",
        ExplicitAuthFlows: ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        PreventUserExistenceErrors: "ENABLED",
      }),
    );
    const clientId = hiding.UserPoolClient?.ClientId ?? "";
    hook.calls.length = 0;
    const first = await admin.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "CUSTOM_AUTH",
        AuthParameters: { USERNAME: "ghost" },
      }),
    );
    expect(first.ChallengeParameters).toEqual({ question: "What is 6 x 7?", USERNAME: "ghost" });
    expect(hook.events("DefineAuthChallenge_Authentication")[0].request).toEqual({
      userAttributes: {},
      userNotFound: true,
      session: [],
    });
    await expect(
      admin.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "CUSTOM_CHALLENGE",
          Session: first.Session,
          ChallengeResponses: { USERNAME: "ghost", ANSWER: "42" },
        }),
      ),
    ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Incorrect username or password." });
  });

  it("refuses CUSTOM_AUTH without the triggers, or on a client that does not allow it", async () => {
    const bare = await createPoolAndClient(
      admin,
      {},
      { ExplicitAuthFlows: ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
    );
    await expect(
      admin.send(
        new InitiateAuthCommand({
          ClientId: bare.clientId,
          AuthFlow: "CUSTOM_AUTH",
          AuthParameters: { USERNAME: "x" },
        }),
      ),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Custom auth lambda trigger is not configured for the user pool.",
    });
    const srpOnly = await admin.send(
      new CreateUserPoolClientCommand({
        UserPoolId: ids.userPoolId,
        ClientName: "srp",
        ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    );
    await expect(
      admin.send(
        new InitiateAuthCommand({
          ClientId: srpOnly.UserPoolClient?.ClientId,
          AuthFlow: "CUSTOM_AUTH",
          AuthParameters: { USERNAME: "quinn" },
        }),
      ),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "CUSTOM_AUTH is not enabled for the client.",
    });
  });
});
