import type { AppDependencies } from "../dependencies.js";
import {
  type ChallengeResult,
  type CustomAuthContext,
  customAuthRequest,
  sessionForEvent,
} from "./define-auth-challenge.js";
import { readString, readStringMap, type StringMap } from "./trigger-event.js";

// CreateAuthChallenge: runs when DefineAuthChallenge asks for CUSTOM_CHALLENGE. Sent: the challenge name
// and the session so far. Its answer: publicChallengeParameters (returned to the client as
// ChallengeParameters), privateChallengeParameters (kept sealed in the Session, handed to
// VerifyAuthChallengeResponse) and challengeMetadata (recorded in the session history).

export interface CreatedChallenge {
  publicChallengeParameters: StringMap;
  privateChallengeParameters: StringMap;
  challengeMetadata?: string;
}

export async function runCreateAuthChallenge(
  deps: Pick<AppDependencies, "triggers">,
  context: CustomAuthContext,
  session: readonly ChallengeResult[],
): Promise<CreatedChallenge> {
  const event = deps.triggers.event(
    {
      pool: context.pool,
      triggerSource: "CreateAuthChallenge_Authentication",
      userName: context.userName,
      clientId: context.clientId,
    },
    { ...customAuthRequest(context), challengeName: "CUSTOM_CHALLENGE", session: sessionForEvent(session) },
    { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
  );
  const response = await deps.triggers.invoke(context.pool, "CreateAuthChallenge", event);
  const challengeMetadata = readString(response, "challengeMetadata");
  return {
    publicChallengeParameters: readStringMap(response, "publicChallengeParameters") ?? {},
    privateChallengeParameters: readStringMap(response, "privateChallengeParameters") ?? {},
    ...(challengeMetadata !== undefined ? { challengeMetadata } : {}),
  };
}
