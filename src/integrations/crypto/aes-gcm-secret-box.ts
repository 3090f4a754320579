import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { SecretBox } from "../../ports/secret-box.js";

const VERSION = "v1";

/**
 * AES-256-GCM under the master key. Output: `v1.<iv>.<ciphertext>.<tag>` (base64url).
 * The purpose string is authenticated data, so a sealed value only opens for the purpose it was sealed for.
 */
export function createAesGcmSecretBox(masterKey: Uint8Array): SecretBox {
  if (masterKey.length !== 32) throw new Error("the master key must be 32 bytes");
  const key = Buffer.from(masterKey);
  return {
    seal(plaintext, purpose) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(purpose, "utf8"));
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv, ciphertext, tag]
        .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
        .join(".");
    },
    open(sealed, purpose) {
      const [version, iv, ciphertext, tag] = sealed.split(".");
      if (version !== VERSION || iv === undefined || ciphertext === undefined || tag === undefined) {
        throw new Error("not a sealed value");
      }
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAAD(Buffer.from(purpose, "utf8"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, "base64url")),
        decipher.final(),
      ]).toString("utf8");
    },
  };
}
