import {
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll } from "vitest";
import { createConfirmedUser, createPoolAndClient } from "../../support/pool-setup.js";
import type { Backend } from "../../support/server.js";
import { extendSuite, useTestServer } from "../../support/suite-server.js";
import { type RecordingWebhook, startRecordingWebhook } from "./webhooks.js";

export const SECRET = "custom-auth-trigger-secret-0123456789";
export const PASSWORD = "Corr3ct-Horse-Battery!";

// biome-ignore lint/suspicious/noExplicitAny: the webhook answers any of the three events.
export type AnyEvent = any;

/** Define: SRP first when asked, then one custom challenge ("what is 6 x 7?"); two wrong answers fail. */
export function referee(event: AnyEvent): AnyEvent {
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

/**
 * A server for the enclosing describe block, a webhook answering as `referee`, and a pool whose three
 * custom-auth triggers call it, with the confirmed user quinn.
 */
export function useCustomAuth(backend: Backend) {
  let hook: RecordingWebhook;
  let ids: { userPoolId: string; clientId: string };
  afterAll(async () => {
    await hook.close();
  });
  const ctx = useTestServer({ backend, env: { COGNATE_WEBHOOK_ALLOW_PRIVATE: "true" } });

  beforeAll(async () => {
    hook = await startRecordingWebhook(SECRET, referee);
    ids = await createPoolAndClient(
      ctx.cognito,
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
    await createConfirmedUser(ctx.cognito, ids, "quinn", PASSWORD, [
      { Name: "email", Value: "quinn@mail.example" },
    ]);
  });

  const start = (username = "quinn") =>
    ctx.cognito.send(
      new InitiateAuthCommand({
        ClientId: ids.clientId,
        AuthFlow: "CUSTOM_AUTH",
        AuthParameters: { USERNAME: username },
        ClientMetadata: { ignored: "by custom auth triggers at InitiateAuth" },
      }),
    );
  const answer = (session: string | undefined, value: string, metadata?: Record<string, string>) =>
    ctx.cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: ids.clientId,
        ChallengeName: "CUSTOM_CHALLENGE",
        Session: session,
        ChallengeResponses: { USERNAME: "quinn", ANSWER: value },
        ...(metadata ? { ClientMetadata: metadata } : {}),
      }),
    );

  return extendSuite(ctx, {
    /** The admin SDK client (the same as `cognito`). */
    get admin() {
      return ctx.cognito;
    },
    get hook() {
      return hook;
    },
    get ids() {
      return ids;
    },
    start,
    answer,
  });
}
