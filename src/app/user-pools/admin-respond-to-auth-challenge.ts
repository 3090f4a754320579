import { respondToChallenge } from "../auth-flows/run-auth-flow.js";
import type { AuthResponse, SignInDependencies } from "../auth-flows/sign-in.js";
import type { UseCase } from "../dependencies.js";
import { requireAdminClient } from "../users/admin-client.js";

export interface AdminRespondToAuthChallengeInput {
  UserPoolId: string;
  ClientId: string;
  ChallengeName: string;
  Session?: string;
  ChallengeResponses?: Record<string, string>;
  ClientMetadata?: Record<string, string>;
}

export const adminRespondToAuthChallenge =
  (deps: SignInDependencies): UseCase<AdminRespondToAuthChallengeInput, AuthResponse> =>
  async (_context, input) => {
    const target = await requireAdminClient(deps.storage, input.UserPoolId, input.ClientId);
    return respondToChallenge(
      deps,
      target,
      input.ChallengeName,
      input.Session,
      input.ChallengeResponses ?? {},
      { clientMetadata: input.ClientMetadata },
    );
  };
