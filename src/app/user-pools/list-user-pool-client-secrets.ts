import type { AppDependencies, UseCase } from "../dependencies.js";
import { findClientOrThrow } from "./user-pool-client-support.js";

export interface ListUserPoolClientSecretsInput {
  UserPoolId: string;
  ClientId: string;
  /** Accepted and ignored: a client has at most two secrets, so one page holds them all. */
  NextToken?: string;
}

export interface ListUserPoolClientSecretsOutput {
  /** Never carries the secret values. */
  ClientSecrets: { ClientSecretId: string; ClientSecretCreateDate: Date }[];
}

export const listUserPoolClientSecrets =
  (
    deps: Pick<AppDependencies, "storage">,
  ): UseCase<ListUserPoolClientSecretsInput, ListUserPoolClientSecretsOutput> =>
  async (_context, input) => {
    const { client } = await findClientOrThrow(deps.storage, input.UserPoolId, input.ClientId);
    const secrets = await deps.storage.userPoolClients.listClientSecrets(client.clientId);
    return {
      ClientSecrets: secrets.map((secret) => ({
        ClientSecretId: secret.secretId,
        ClientSecretCreateDate: secret.createdAt,
      })),
    };
  };
