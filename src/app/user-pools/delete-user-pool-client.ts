import { userPoolClientNotFound } from "../../domain/user-pool-client/user-pool-client.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { findUserPoolOrThrow } from "./user-pool-client-support.js";

export interface DeleteUserPoolClientInput {
  UserPoolId: string;
  ClientId: string;
}

/** Deletes the client and, with it, its secrets. */
export const deleteUserPoolClient =
  (deps: Pick<AppDependencies, "storage">): UseCase<DeleteUserPoolClientInput, Record<string, never>> =>
  async (_context, input) => {
    await findUserPoolOrThrow(deps.storage, input.UserPoolId);
    const deleted = await deps.storage.userPoolClients.deleteClient(input.UserPoolId, input.ClientId);
    if (!deleted) throw userPoolClientNotFound(input.ClientId);
    return {};
  };
