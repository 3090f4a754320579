import type { JsonObject } from "../../shared/json.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { type PasskeyDependencies, startPasskeyRegistration } from "../passwordless/passkey-registration.js";
import { requireSignedInUser } from "../users/signed-in-user.js";
import { clientOfToken } from "../users/token-client.js";

export interface StartWebAuthnRegistrationInput {
  AccessToken: string;
}
export interface StartWebAuthnRegistrationOutput {
  CredentialCreationOptions: JsonObject;
}

/** Passkey creation options for the signed-in user (a single-use challenge bound to them and the client). */
export const startWebAuthnRegistration =
  (
    deps: PasskeyDependencies & Pick<AppDependencies, "tokens">,
  ): UseCase<StartWebAuthnRegistrationInput, StartWebAuthnRegistrationOutput> =>
  async (_context, input) => {
    const signedIn = await requireSignedInUser(deps, input.AccessToken);
    const client = await clientOfToken(deps.storage, signedIn);
    const options = await startPasskeyRegistration(deps, {
      pool: signedIn.pool,
      user: signedIn.user,
      clientId: client.clientId,
    });
    return { CredentialCreationOptions: options };
  };
