import type { AppDependencies } from "../dependencies.js";
import { type CustomAuthContext, customAuthRequest } from "./define-auth-challenge.js";
import { readBoolean, type StringMap } from "./trigger-event.js";

// VerifyAuthChallengeResponse: runs when the client answers a CUSTOM_CHALLENGE. Sent: the
// privateChallengeParameters CreateAuthChallenge chose and the client's ANSWER as challengeAnswer. Its
// answer, answerCorrect, becomes that challenge's challengeResult in the session DefineAuthChallenge sees.

export async function runVerifyAuthChallengeResponse(
  deps: Pick<AppDependencies, "triggers">,
  context: CustomAuthContext,
  privateChallengeParameters: StringMap,
  challengeAnswer: string,
): Promise<boolean> {
  const event = deps.triggers.event(
    {
      pool: context.pool,
      triggerSource: "VerifyAuthChallengeResponse_Authentication",
      userName: context.userName,
      clientId: context.clientId,
    },
    {
      ...customAuthRequest(context),
      privateChallengeParameters: { ...privateChallengeParameters },
      challengeAnswer,
    },
    { answerCorrect: null },
  );
  const response = await deps.triggers.invoke(context.pool, "VerifyAuthChallengeResponse", event);
  return readBoolean(response, "answerCorrect") ?? false;
}
