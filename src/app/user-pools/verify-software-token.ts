import type { SignInDependencies } from "../auth-flows/sign-in.js";
import type { UseCase } from "../dependencies.js";
import {
  resolveSoftwareTokenCaller,
  type VerifySoftwareTokenOutput,
  verifySoftwareToken as verify,
} from "../mfa/software-token.js";

export interface VerifySoftwareTokenInput {
  AccessToken?: string;
  Session?: string;
  UserCode: string;
  FriendlyDeviceName?: string;
}

/**
 * Checks a code of the secret AssociateSoftwareToken handed out and turns TOTP MFA on. With a Session it
 * answers a new Session for RespondToAuthChallenge MFA_SETUP. RecoveryCodes is Cognate's (docs/mfa.md).
 */
export const verifySoftwareToken =
  (deps: SignInDependencies): UseCase<VerifySoftwareTokenInput, VerifySoftwareTokenOutput> =>
  async (_context, input) =>
    verify(deps, await resolveSoftwareTokenCaller(deps, input), input.UserCode, input.FriendlyDeviceName);
