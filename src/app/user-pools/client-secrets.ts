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

const sha256 = (value: string) => createHash("sha256").update(value, "utf8").digest();

/** How many client secrets' digests one verifier remembers (the oldest go first). */
const MAX_REMEMBERED_DIGESTS = 10_000;

/** Hashing first gives timingSafeEqual equal-length inputs, so lengths do not leak either. */
export function constantTimeEqual(presented: string, active: string): boolean {
  return timingSafeEqual(sha256(presented), sha256(active));
}

/**
 * True when `presented` is one of the client's active secrets (either one during a rotation).
 * For the sign-in code: SECRET_HASH keys and client_secret_basic/post at the token endpoint.
 */
export function verifyClientSecret(deps: {
  storage: Pick<StorageRepositories, "userPoolClients">;
  secretBox: SecretBox;
}) {
  // SHA-256 digests of opened secrets, by sealed value (unique: each seal has its own IV), so a request
  // hashes only what it presents. Opening every secret (AES-GCM) and hashing both sides on each request
  // was 4% of a client_credentials grant's CPU. Only digests are kept, never a secret.
  const digests = new Map<string, Buffer>();
  const digestOf = (secret: StoredClientSecret): Buffer => {
    let digest = digests.get(secret.sealedValue);
    if (digest === undefined) {
      digest = sha256(openClientSecret(deps.secretBox, secret));
      if (digests.size >= MAX_REMEMBERED_DIGESTS) digests.delete(digests.keys().next().value as string);
      digests.set(secret.sealedValue, digest);
    }
    return digest;
  };
  return async (clientId: string, presented: string): Promise<boolean> => {
    const secrets = await deps.storage.userPoolClients.listClientSecrets(clientId);
    const presentedDigest = sha256(presented);
    return matchesActiveClientSecret(presented, secrets, (_presented, secret) =>
      timingSafeEqual(presentedDigest, digestOf(secret)),
    );
  };
}
