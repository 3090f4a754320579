import { createHmac } from "node:crypto";
import { NotAuthorizedException, ResourceNotFoundException } from "../../domain/errors.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { UserPoolClient } from "../../domain/user-pool-client/user-pool-client.js";
import type { SecretBox } from "../../ports/secret-box.js";
import type { StorageRepositories } from "../../ports/storage.js";
import { constantTimeEqual, openClientSecret } from "../user-pools/client-secrets.js";

// Public (unsigned) actions name only a ClientId; the pool comes from the client. Clients with a secret
// must prove it with SECRET_HASH = Base64(HMAC-SHA256(secret, username + clientId)); during a rotation
// either secret works, and every secret is tried so timing does not tell which one matched.

export interface PublicClient {
  client: UserPoolClient;
  pool: UserPool;
  hasSecret: boolean;
}

export async function requirePublicClient(
  repositories: Pick<StorageRepositories, "userPools" | "userPoolClients">,
  clientId: string,
): Promise<PublicClient> {
  const client = await repositories.userPoolClients.findClientById(clientId);
  const pool = client ? await repositories.userPools.findUserPool(client.userPoolId) : undefined;
  if (!client || !pool) throw new ResourceNotFoundException(`User pool client ${clientId} does not exist.`);
  const secrets = await repositories.userPoolClients.listClientSecrets(clientId);
  return { client, pool, hasSecret: secrets.length > 0 };
}

/**
 * Throws NotAuthorizedException unless SECRET_HASH is right for one of `usernames` (the name as typed and
 * the internal username, since clients differ in which they hash). Clients without a secret need none.
 */
export async function checkSecretHash(
  deps: { storage: Pick<StorageRepositories, "userPoolClients">; secretBox: SecretBox },
  target: PublicClient,
  usernames: readonly string[],
  secretHash: string | undefined,
): Promise<void> {
  if (!target.hasSecret) return;
  const clientId = target.client.clientId;
  const fail = () =>
    new NotAuthorizedException(
      `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
    );
  if (!secretHash) throw fail();
  const secrets = await deps.storage.userPoolClients.listClientSecrets(clientId);
  let matched = false;
  for (const stored of secrets) {
    const secret = openClientSecret(deps.secretBox, stored);
    for (const username of usernames) {
      const expected = createHmac("sha256", secret)
        .update(username + clientId)
        .digest("base64");
      matched = constantTimeEqual(secretHash, expected) || matched;
    }
  }
  if (!matched) throw new NotAuthorizedException(`Unable to verify secret hash for client ${clientId}`);
}
