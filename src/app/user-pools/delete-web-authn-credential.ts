import { ResourceNotFoundException } from "../../domain/errors.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireSignedInUser } from "../users/signed-in-user.js";

export interface DeleteWebAuthnCredentialInput {
  AccessToken: string;
  CredentialId: string;
}

/** Deletes one of the signed-in user's passkeys; another user's or an unknown id is ResourceNotFoundException. */
export const deleteWebAuthnCredential =
  (
    deps: Pick<AppDependencies, "storage" | "tokens">,
  ): UseCase<DeleteWebAuthnCredentialInput, Record<string, never>> =>
  async (_context, input) => {
    const { pool, user } = await requireSignedInUser(deps, input.AccessToken);
    if (!(await deps.storage.passkeys.deletePasskey(pool.id, user.sub, input.CredentialId))) {
      throw new ResourceNotFoundException("Credential not found.");
    }
    return {};
  };
