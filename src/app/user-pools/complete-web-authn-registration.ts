import type { AppDependencies, UseCase } from "../dependencies.js";
import {
  completePasskeyRegistration,
  type PasskeyDependencies,
} from "../passwordless/passkey-registration.js";
import { requireSignedInUser } from "../users/signed-in-user.js";
import { clientOfToken } from "../users/token-client.js";

export interface CompleteWebAuthnRegistrationInput {
  AccessToken: string;
  /** The browser's RegistrationResponseJSON. */
  Credential: unknown;
}

/** Verifies the attestation against the user's pending challenge and stores the passkey. */
export const completeWebAuthnRegistration =
  (
    deps: PasskeyDependencies & Pick<AppDependencies, "tokens">,
  ): UseCase<CompleteWebAuthnRegistrationInput, Record<string, never>> =>
  async (_context, input) => {
    const signedIn = await requireSignedInUser(deps, input.AccessToken);
    const client = await clientOfToken(deps.storage, signedIn);
    await completePasskeyRegistration(
      deps,
      { pool: signedIn.pool, user: signedIn.user, clientId: client.clientId },
      input.Credential,
    );
    return {};
  };
