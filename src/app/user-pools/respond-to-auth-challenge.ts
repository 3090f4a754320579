import { respondToChallenge } from "../auth-flows/run-auth-flow.js";
import type { AuthResponse, SignInDependencies } from "../auth-flows/sign-in.js";
import type { UseCase } from "../dependencies.js";
import { requirePublicClient } from "../users/public-client.js";

export interface RespondToAuthChallengeInput {
  ClientId: string;
  ChallengeName: string;
  Session?: string;
  ChallengeResponses?: Record<string, string>;
  ClientMetadata?: Record<string, string>;
}

export const respondToAuthChallenge =
  (deps: SignInDependencies): UseCase<RespondToAuthChallengeInput, AuthResponse> =>
  async (context, input) => {
    const target = await requirePublicClient(deps.storage, input.ClientId);
    return respondToChallenge(
      deps,
      target,
      input.ChallengeName,
      input.Session,
      input.ChallengeResponses ?? {},
      { clientMetadata: input.ClientMetadata, sourceIp: context.sourceIp },
    );
  };
