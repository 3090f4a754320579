import {
  CreateUserPoolClientCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { createPoolAndClient } from "../support/pool-setup.js";
import { testBackends } from "../support/server.js";
import { referee, useCustomAuth } from "./support/custom-auth-setup.js";

// CUSTOM_AUTH: the Define/Create/Verify loop, its session history, challengeMetadata and
// privateChallengeParameters, starting with SRP, failAuthentication, and unknown users.

const backends = await testBackends();

describe.each(backends)("CUSTOM_AUTH on %s", (backend) => {
  const ctx = useCustomAuth(backend);
  const { start, answer } = ctx;

  it("answers Cognito's errors for unknown users, tampered sessions, missing answers and bad Define answers", async () => {
    await expect(start("nobody")).rejects.toMatchObject({ name: "UserNotFoundException" });
    const first = await start();
    await expect(answer(`${first.Session}x`, "42")).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Invalid session for the user.",
    });
    await expect(
      ctx.admin.send(
        new RespondToAuthChallengeCommand({
          ClientId: ctx.ids.clientId,
          ChallengeName: "CUSTOM_CHALLENGE",
          Session: first.Session,
          ChallengeResponses: { USERNAME: "quinn" },
        }),
      ),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Missing required parameter ANSWER",
    });
    ctx.hook.respondWith((event) =>
      event.triggerSource === "DefineAuthChallenge_Authentication"
        ? { ...event, response: { challengeName: "SMS_MFA", issueTokens: false, failAuthentication: false } }
        : referee(event),
    );
    await expect(start()).rejects.toMatchObject({
      name: "InvalidLambdaResponseException",
      message: "Unrecognizable lambda output",
    });
    ctx.hook.respondWith(referee);
  });

  it("runs the loop with userNotFound when the client hides user existence, and never issues tokens", async () => {
    const hiding = await ctx.admin.send(
      new CreateUserPoolClientCommand({
        UserPoolId: ctx.ids.userPoolId,
        ClientName: "hiding",
        ExplicitAuthFlows: ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        PreventUserExistenceErrors: "ENABLED",
      }),
    );
    const clientId = hiding.UserPoolClient?.ClientId ?? "";
    ctx.hook.calls.length = 0;
    const first = await ctx.admin.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "CUSTOM_AUTH",
        AuthParameters: { USERNAME: "ghost" },
      }),
    );
    expect(first.ChallengeParameters).toEqual({ question: "What is 6 x 7?", USERNAME: "ghost" });
    expect(ctx.hook.events("DefineAuthChallenge_Authentication")[0].request).toEqual({
      userAttributes: {},
      userNotFound: true,
      session: [],
    });
    await expect(
      ctx.admin.send(
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
      ctx.admin,
      {},
      { ExplicitAuthFlows: ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
    );
    await expect(
      ctx.admin.send(
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
    const srpOnly = await ctx.admin.send(
      new CreateUserPoolClientCommand({
        UserPoolId: ctx.ids.userPoolId,
        ClientName: "srp",
        ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    );
    await expect(
      ctx.admin.send(
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
