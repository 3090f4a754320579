import { InvalidParameterException } from "../../domain/errors.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { JsonObject } from "../../shared/json.js";
import type { AppDependencies } from "../dependencies.js";
import { optionalMaps, readBoolean, readString, type StringMap, unrecognizable } from "./trigger-event.js";

// DefineAuthChallenge: the referee of CUSTOM_AUTH. It runs at the start and after every answer, and sees
// the session so far: [{challengeName, challengeResult, challengeMetadata?}] (SRP_A, PASSWORD_VERIFIER,
// CUSTOM_CHALLENGE). It answers with exactly one of: issueTokens, failAuthentication, or the next
// challengeName (CUSTOM_CHALLENGE; PASSWORD_VERIFIER right after SRP_A). Anything else is an invalid
// response. userNotFound is true when the user does not exist and the client hides that fact.

export interface ChallengeResult {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata?: string;
}

export interface CustomAuthContext {
  pool: UserPool;
  clientId: string;
  userName: string;
  userAttributes: StringMap;
  userNotFound: boolean;
  clientMetadata?: StringMap | undefined;
}

export type DefineDecision =
  | { kind: "issue-tokens" }
  | { kind: "fail" }
  | { kind: "challenge"; challengeName: "CUSTOM_CHALLENGE" | "PASSWORD_VERIFIER" };

export function sessionForEvent(session: readonly ChallengeResult[]): JsonObject[] {
  return session.map((entry) => ({
    challengeName: entry.challengeName,
    challengeResult: entry.challengeResult,
    ...(entry.challengeMetadata !== undefined ? { challengeMetadata: entry.challengeMetadata } : {}),
  }));
}

/** Request members every custom-auth trigger shares. */
export function customAuthRequest(context: CustomAuthContext): JsonObject {
  return {
    userAttributes: { ...context.userAttributes },
    ...(context.userNotFound ? { userNotFound: true } : {}),
    ...optionalMaps({ clientMetadata: context.clientMetadata }),
  };
}

export async function runDefineAuthChallenge(
  deps: Pick<AppDependencies, "triggers">,
  context: CustomAuthContext,
  session: readonly ChallengeResult[],
): Promise<DefineDecision> {
  if (!deps.triggers.configured(context.pool, "DefineAuthChallenge")) {
    throw new InvalidParameterException("Custom auth lambda trigger is not configured for the user pool.");
  }
  const event = deps.triggers.event(
    {
      pool: context.pool,
      triggerSource: "DefineAuthChallenge_Authentication",
      userName: context.userName,
      clientId: context.clientId,
    },
    { ...customAuthRequest(context), session: sessionForEvent(session) },
    { challengeName: null, issueTokens: null, failAuthentication: null },
  );
  const response = await deps.triggers.invoke(context.pool, "DefineAuthChallenge", event);
  const issueTokens = readBoolean(response, "issueTokens") ?? false;
  const failAuthentication = readBoolean(response, "failAuthentication") ?? false;
  const challengeName = readString(response, "challengeName");
  if (failAuthentication) return { kind: "fail" };
  if (issueTokens) return { kind: "issue-tokens" };
  const last = session.at(-1);
  if (challengeName === "CUSTOM_CHALLENGE") return { kind: "challenge", challengeName };
  if (challengeName === "PASSWORD_VERIFIER" && last?.challengeName === "SRP_A") {
    return { kind: "challenge", challengeName };
  }
  throw unrecognizable();
}
