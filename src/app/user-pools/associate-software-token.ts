import type { SignInDependencies } from "../auth-flows/sign-in.js";
import type { UseCase } from "../dependencies.js";
import { associateSoftwareToken as associate, resolveSoftwareTokenCaller } from "../mfa/software-token.js";

export interface AssociateSoftwareTokenInput {
  AccessToken?: string;
  Session?: string;
}

/** A new TOTP secret for the signed-in user, or for the user of an MFA_SETUP Session (src/app/mfa). */
export const associateSoftwareToken =
  (
    deps: SignInDependencies,
  ): UseCase<AssociateSoftwareTokenInput, { SecretCode: string; Session?: string }> =>
  async (_context, input) =>
    associate(deps, await resolveSoftwareTokenCaller(deps, input));
