import { assertAuthFlowEnabled } from "../../domain/auth/auth-flow-rules.js";
import { InvalidParameterException } from "../../domain/errors.js";
import { PUBLIC_AUTH_FLOWS, runAuthFlow } from "../auth-flows/run-auth-flow.js";
import type { AuthResponse, SignInDependencies } from "../auth-flows/sign-in.js";
import type { UseCase } from "../dependencies.js";
import { requirePublicClient } from "../users/public-client.js";

export interface InitiateAuthInput {
  AuthFlow: string;
  AuthParameters?: Record<string, string>;
  ClientMetadata?: Record<string, string>;
  ClientId: string;
  Session?: string;
}

export const initiateAuth =
  (deps: SignInDependencies): UseCase<InitiateAuthInput, AuthResponse> =>
  async (_context, input) => {
    const target = await requirePublicClient(deps.storage, input.ClientId);
    if (!PUBLIC_AUTH_FLOWS.includes(input.AuthFlow) && input.AuthFlow.startsWith("ADMIN_")) {
      throw new InvalidParameterException("Initiate Auth method not supported.");
    }
    assertAuthFlowEnabled(input.AuthFlow, target.client.settings.ExplicitAuthFlows as string[] | undefined);
    return runAuthFlow(deps, target, input.AuthFlow, input.AuthParameters ?? {}, {
      validationData: input.ClientMetadata,
      session: input.Session,
    });
  };
