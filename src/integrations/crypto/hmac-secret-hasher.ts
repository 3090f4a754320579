import { createHmac, hkdfSync } from "node:crypto";
import type { SecretHasher } from "../../ports/secret-hasher.js";

/** HMAC-SHA256 under a subkey derived from the master key, so the master key itself is never used raw. */
export function createHmacSecretHasher(masterKey: Uint8Array): SecretHasher {
  const key = Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), "cognate/secret-hasher/v1", 32));
  return {
    hash(value, purpose) {
      return createHmac("sha256", key).update(purpose).update("\0").update(value).digest("base64url");
    },
  };
}
