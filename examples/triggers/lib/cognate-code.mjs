// Decrypts the `code` a CustomEmailSender / CustomSMSSender trigger receives from Cognate.
//
// On AWS, Cognito encrypts the code with the AWS Encryption SDK under the pool's KMS key, and a sender
// function decrypts it with @aws-crypto/client-node and KMS. Cognate has no KMS: it encrypts with
// AES-256-GCM under a key derived from the pool's trigger secret (see docs/triggers.md), and this helper
// is the decrypting half. In a module trigger the secret and key id are in the environment
// (COGNATE_TRIGGER_SECRET, COGNATE_KMS_KEY_ID); a webhook passes them in `options`.
//
//   import { decryptCode } from "./lib/cognate-code.mjs";
//   const plainCode = decryptCode(event.request.code);

import { createDecipheriv, hkdfSync } from "node:crypto";

const MAGIC = [0x43, 0x47, 0x01];
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function decryptCode(code, options = {}) {
  const secret = options.secret ?? process.env.COGNATE_TRIGGER_SECRET;
  const keyId = options.keyId ?? process.env.COGNATE_KMS_KEY_ID ?? "";
  if (!secret) throw new Error("decryptCode: no trigger secret (COGNATE_TRIGGER_SECRET or options.secret)");
  const envelope = Buffer.from(code, "base64");
  if (
    envelope.length < MAGIC.length + IV_BYTES + TAG_BYTES ||
    MAGIC.some((byte, i) => envelope[i] !== byte)
  ) {
    throw new Error("decryptCode: not a Cognate-encrypted code");
  }
  const key = Buffer.from(hkdfSync("sha256", secret, "cognate-custom-sender", keyId, 32));
  const iv = envelope.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
  const tag = envelope.subarray(envelope.length - TAG_BYTES);
  const body = envelope.subarray(MAGIC.length + IV_BYTES, envelope.length - TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(Buffer.from(keyId, "utf8"));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
}
