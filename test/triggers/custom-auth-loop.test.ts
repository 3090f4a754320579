import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from "aws-lambda";
import { describe, expect, it } from "vitest";
import { testBackends } from "../support/server.js";
import { PASSWORD, useCustomAuth } from "./support/custom-auth-setup.js";
import { answerCustomChallenge, claimsOf, customAuthWithSrp, identityJsUser } from "./support/identity-js.js";

// CUSTOM_AUTH: the Define/Create/Verify loop, its session history, challengeMetadata and
// privateChallengeParameters, starting with SRP, failAuthentication, and unknown users.

const backends = await testBackends();

describe.each(backends)("CUSTOM_AUTH on %s", (backend) => {
  const ctx = useCustomAuth(backend);
  const { start, answer } = ctx;

  it("runs Define → Create → Verify → Define with the session history, metadata and private parameters", async () => {
    ctx.hook.calls.length = 0;
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

    const events = ctx.hook.events();
    const quinn = events[0].request.userAttributes;
    expect(quinn).toMatchObject({ email: "quinn@mail.example", "cognito:user_status": "CONFIRMED" });
    const base = (triggerSource: string) => ({
      version: "1",
      triggerSource,
      region: "us-east-1",
      userPoolId: ctx.ids.userPoolId,
      userName: "quinn",
      callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: ctx.ids.clientId },
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
    ctx.hook.calls.length = 0;
    const user = identityJsUser(ctx.server.url, ctx.ids.userPoolId, ctx.ids.clientId, "quinn");
    const step = await customAuthWithSrp(user, PASSWORD);
    expect(step).toEqual({
      kind: "custom-challenge",
      parameters: { question: "What is 6 x 7?", USERNAME: "quinn" },
    });
    const done = await answerCustomChallenge(user, "42");
    expect(done.kind).toBe("success");
    const defines = ctx.hook.events("DefineAuthChallenge_Authentication");
    expect(defines[0].request.session).toEqual([{ challengeName: "SRP_A", challengeResult: true }]);
    expect(defines[1].request.session).toEqual([
      { challengeName: "SRP_A", challengeResult: true },
      { challengeName: "PASSWORD_VERIFIER", challengeResult: true },
    ]);

    const wrong = identityJsUser(ctx.server.url, ctx.ids.userPoolId, ctx.ids.clientId, "quinn");
    await expect(customAuthWithSrp(wrong, "Not-The-Passw0rd!")).rejects.toMatchObject({
      code: "NotAuthorizedException",
      message: "Incorrect username or password.",
    });
    expect(ctx.hook.events("DefineAuthChallenge_Authentication").at(-1).request.session).toEqual([
      { challengeName: "SRP_A", challengeResult: true },
      { challengeName: "PASSWORD_VERIFIER", challengeResult: false },
    ]);
  });

  it("works through AdminInitiateAuth and AdminRespondToAuthChallenge too", async () => {
    const first = await ctx.admin.send(
      new AdminInitiateAuthCommand({
        UserPoolId: ctx.ids.userPoolId,
        ClientId: ctx.ids.clientId,
        AuthFlow: "CUSTOM_AUTH",
        AuthParameters: { USERNAME: "quinn" },
      }),
    );
    expect(first.ChallengeParameters?.USERNAME).toBe("quinn");
    const done = await ctx.admin.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: ctx.ids.userPoolId,
        ClientId: ctx.ids.clientId,
        ChallengeName: "CUSTOM_CHALLENGE",
        Session: first.Session,
        ChallengeResponses: { USERNAME: "quinn", ANSWER: "42" },
      }),
    );
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
  });
});
