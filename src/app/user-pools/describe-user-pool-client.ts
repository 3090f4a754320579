import {
  describeClient,
  type UserPoolClientDescription,
} from "../../domain/user-pool-client/client-description.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { openClientSecret } from "./client-secrets.js";
import { findClientOrThrow } from "./user-pool-client-support.js";

export interface DescribeUserPoolClientInput {
  UserPoolId: string;
  ClientId: string;
}

export interface DescribeUserPoolClientOutput {
  UserPoolClient: UserPoolClientDescription;
}

export const describeUserPoolClient =
  (
    deps: Pick<AppDependencies, "storage" | "secretBox">,
  ): UseCase<DescribeUserPoolClientInput, DescribeUserPoolClientOutput> =>
  async (_context, input) => {
    const { client } = await findClientOrThrow(deps.storage, input.UserPoolId, input.ClientId);
    // Oldest first: during a rotation Describe keeps showing the secret the client already had.
    const [oldest] = await deps.storage.userPoolClients.listClientSecrets(client.clientId);
    const secret = oldest ? openClientSecret(deps.secretBox, oldest) : undefined;
    return { UserPoolClient: describeClient(client, secret) };
  };
