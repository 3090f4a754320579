import { createHash, timingSafeEqual } from "node:crypto";
import { clientSecretId } from "../../domain/user-pool-client/client-id.js";
import { matchesActiveClientSecret } from "../../domain/user-pool-client/client-secret-match.js";
import {
  CLIENT_SECRET_PURPOSE,
  type StoredClientSecret,
} from "../../domain/user-pool-client/user-pool-client.js";
import type { SecretBox } from "../../ports/secret-box.js";
import type { StorageRepositories } from "../../ports/storage.js";

/** Seals a secret value for storage; only the sealed form is ever written. */
export function sealClientSecret(
  secretBox: SecretBox,
  clientId: string,
  value: string,
  createdAt: Date,
): StoredClientSecret {
  return {
    secretId: clientSecretId(clientId, createdAt),
    clientId,
    sealedValue: secretBox.seal(value, CLIENT_SECRET_PURPOSE),
    createdAt,
  };
}

export const openClientSecret = (secretBox: SecretBox, secret: StoredClientSecret) =>
  secretBox.open(secret.sealedValue, CLIENT_SECRET_PURPOSE);

/** Hashing first gives timingSafeEqual equal-length inputs, so lengths do not leak either. */
export function constantTimeEqual(presented: string, active: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(presented), digest(active));
}

/**
 * True when `presented` is one of the client's active secrets (either one during a rotation).
 * For the sign-in code: SECRET_HASH keys and client_secret_basic/post at the token endpoint.
 */
export function verifyClientSecret(deps: {
  storage: Pick<StorageRepositories, "userPoolClients">;
  secretBox: SecretBox;
}) {
  return async (clientId: string, presented: string): Promise<boolean> => {
    const secrets = await deps.storage.userPoolClients.listClientSecrets(clientId);
    const active = secrets.map((secret) => openClientSecret(deps.secretBox, secret));
    return matchesActiveClientSecret(presented, active, constantTimeEqual);
  };
}
