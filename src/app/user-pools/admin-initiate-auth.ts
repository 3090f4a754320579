import { assertAuthFlowEnabled } from "../../domain/auth/auth-flow-rules.js";
import { InvalidParameterException } from "../../domain/errors.js";
import { ADMIN_AUTH_FLOWS, runAuthFlow } from "../auth-flows/run-auth-flow.js";
import type { AuthResponse, SignInDependencies } from "../auth-flows/sign-in.js";
import type { UseCase } from "../dependencies.js";
import { requireAdminClient } from "../users/admin-client.js";

export interface AdminInitiateAuthInput {
  UserPoolId: string;
  ClientId: string;
  AuthFlow: string;
  AuthParameters?: Record<string, string>;
  ClientMetadata?: Record<string, string>;
  Session?: string;
}

export const adminInitiateAuth =
  (deps: SignInDependencies): UseCase<AdminInitiateAuthInput, AuthResponse> =>
  async (_context, input) => {
    const target = await requireAdminClient(deps.storage, input.UserPoolId, input.ClientId);
    if (!ADMIN_AUTH_FLOWS.includes(input.AuthFlow) && input.AuthFlow === "USER_PASSWORD_AUTH") {
      throw new InvalidParameterException("Initiate Auth method not supported.");
    }
    assertAuthFlowEnabled(input.AuthFlow, target.client.settings.ExplicitAuthFlows as string[] | undefined);
    return runAuthFlow(deps, target, input.AuthFlow, input.AuthParameters ?? {}, {
      validationData: input.ClientMetadata,
      session: input.Session,
    });
  };
