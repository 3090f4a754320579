import { InvalidParameterException, ResourceNotFoundException } from "../../domain/errors.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { findClientOrThrow } from "./user-pool-client-support.js";

export interface DeleteUserPoolClientSecretInput {
  UserPoolId: string;
  ClientId: string;
  ClientSecretId: string;
}

/** Deletes one of a client's secrets; the last remaining one cannot be deleted (Cognito's rule). */
export const deleteUserPoolClientSecret =
  (deps: Pick<AppDependencies, "storage">): UseCase<DeleteUserPoolClientSecretInput, Record<string, never>> =>
  async (_context, input) => {
    const { client } = await findClientOrThrow(deps.storage, input.UserPoolId, input.ClientId);
    await deps.storage.transaction(async (repositories) => {
      const secrets = await repositories.userPoolClients.listClientSecrets(client.clientId);
      if (!secrets.some((secret) => secret.secretId === input.ClientSecretId)) {
        throw new ResourceNotFoundException(`Client secret ${input.ClientSecretId} does not exist.`);
      }
      if (secrets.length <= 1) {
        throw new InvalidParameterException("You cannot delete the last remaining secret for an app client.");
      }
      await repositories.userPoolClients.deleteClientSecret(client.clientId, input.ClientSecretId);
    });
    return {};
  };
