import {
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { beforeAll } from "vitest";
import type { Backend } from "../support/server.js";
import { extendSuite, useTestServer } from "../support/suite-server.js";
import { createPasswordlessPool, signedInUser } from "./support.js";

export const SRP_A = "a".repeat(64);

/** A server for the enclosing describe block, a passwordless pool and its user uma (with a verified phone). */
export function useUserAuth(backend: Backend) {
  const ctx = useTestServer({ backend });
  let ids: { userPoolId: string; clientId: string };

  const userAuth = (username: string, extra: Record<string, string> = {}) =>
    ctx.cognito.send(
      new InitiateAuthCommand({
        ClientId: ids.clientId,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: username, ...extra },
      }),
    );
  const respond = (challenge: string, session: string | undefined, responses: Record<string, string>) =>
    ctx.cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: ids.clientId,
        ChallengeName: challenge as "SELECT_CHALLENGE",
        Session: session,
        ChallengeResponses: responses,
      }),
    );

  beforeAll(async () => {
    ids = await createPasswordlessPool(ctx.cognito);
    await signedInUser(ctx.cognito, ids, "uma", "Passw0rd!uma", [
      { Name: "phone_number", Value: "+15555550123" },
      { Name: "phone_number_verified", Value: "true" },
    ]);
  });

  return extendSuite(ctx, {
    /** The admin SDK client (the same as `cognito`). */
    get admin() {
      return ctx.cognito;
    },
    get ids() {
      return ids;
    },
    userAuth,
    respond,
  });
}
