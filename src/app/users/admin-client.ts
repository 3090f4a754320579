import { ResourceNotFoundException } from "../../domain/errors.js";
import { userPoolNotFound } from "../../domain/user-pool/user-pool.js";
import type { StorageRepositories } from "../../ports/storage.js";
import type { PublicClient } from "./public-client.js";

/** Admin sign-in calls name the pool and a client of that pool. */
export async function requireAdminClient(
  repositories: Pick<StorageRepositories, "userPools" | "userPoolClients">,
  userPoolId: string,
  clientId: string,
): Promise<PublicClient> {
  const pool = await repositories.userPools.findUserPool(userPoolId);
  if (!pool) throw userPoolNotFound(userPoolId);
  const client = await repositories.userPoolClients.findClient(userPoolId, clientId);
  if (!client) throw new ResourceNotFoundException(`User pool client ${clientId} does not exist.`);
  const secrets = await repositories.userPoolClients.listClientSecrets(clientId);
  return { pool, client, hasSecret: secrets.length > 0 };
}
