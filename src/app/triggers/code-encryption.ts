import { createCipheriv, hkdfSync } from "node:crypto";

// The code a custom sender trigger receives is never plain text. Cognito encrypts it with the AWS
// Encryption SDK under the pool's KMS key (LambdaConfig.KMSKeyID), and the function decrypts it with KMS.
// Cognate has no KMS; its local equivalent:
// - key: HKDF-SHA256(the pool's trigger secret, salt "cognate-custom-sender", info = KMSKeyID or "") →
//   32 bytes; the trigger secret is the pool's `cognate:trigger-secret` tag, or one derived from the
//   master key (module triggers get it as COGNATE_TRIGGER_SECRET);
// - cipher: AES-256-GCM, 12-byte random IV, the KMSKeyID as additional data;
// - envelope: base64( "CG" | 0x01 | IV | ciphertext | 16-byte tag ).
// examples/triggers/lib/cognate-code.mjs decrypts it (`decryptCode(event.request.code)`).

const MAGIC = Buffer.from([0x43, 0x47, 0x01]);

export function customSenderKey(secret: string, keyId: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "cognate-custom-sender", keyId, 32));
}

export function encryptTriggerCode(secret: string, keyId: string, code: string, iv: Uint8Array): string {
  const cipher = createCipheriv("aes-256-gcm", customSenderKey(secret, keyId), iv);
  cipher.setAAD(Buffer.from(keyId, "utf8"));
  const body = Buffer.concat([cipher.update(code, "utf8"), cipher.final()]);
  return Buffer.concat([MAGIC, iv, body, cipher.getAuthTag()]).toString("base64");
}
