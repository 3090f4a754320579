import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto";
import type { SecretBox } from "../../ports/secret-box.js";

// Secrets in a `cognate export` dump are re-encrypted under a key derived from the operator's passphrase:
// scrypt (N = 2^16, r = 8, p = 1, 16-byte random salt) → AES-256-GCM, a fresh 12-byte IV per value, and the
// purpose (which names the record, e.g. "srp-verifier:<pool>:<sub>") as authenticated data, so a value
// cannot be moved to another record. Output: `p1.<iv>.<ciphertext>.<tag>` in base64url.
// The KDF parameters and salt travel in the dump header; a sealed check value there tells a wrong
// passphrase apart from a damaged dump before any record is read.

const VERSION = "p1";
const CHECK_PURPOSE = "cognate-dump-check";
const CHECK_PLAINTEXT = "cognate-dump";

export interface PassphraseKdf {
  name: "scrypt";
  logN: number;
  r: number;
  p: number;
  salt: string;
}

export class WrongPassphraseError extends Error {
  constructor() {
    super("the passphrase does not open this dump's secrets");
    this.name = "WrongPassphraseError";
  }
}

function boxWithKey(key: Buffer): SecretBox {
  return {
    seal(plaintext, purpose) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(purpose, "utf8"));
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [VERSION, iv, ciphertext, cipher.getAuthTag()]
        .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
        .join(".");
    },
    open(sealed, purpose) {
      const [version, iv, ciphertext, tag] = sealed.split(".");
      if (version !== VERSION || iv === undefined || ciphertext === undefined || tag === undefined) {
        throw new Error("not a value sealed under an export passphrase");
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

function deriveKey(passphrase: string, kdf: PassphraseKdf): Buffer {
  if (kdf.name !== "scrypt" || kdf.logN < 14 || kdf.logN > 20 || kdf.r < 1 || kdf.r > 32 || kdf.p !== 1) {
    throw new Error("the dump names key-derivation parameters Cognate does not accept");
  }
  const N = 2 ** kdf.logN;
  return scryptSync(passphrase.normalize("NFC"), Buffer.from(kdf.salt, "base64url"), 32, {
    N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 128 * N * kdf.r + 32 * 1024 * 1024,
  });
}

/** A fresh salt and key for an export; `check` goes into the header next to `kdf`. */
export function createPassphraseSealing(passphrase: string): {
  kdf: PassphraseKdf;
  check: string;
  box: SecretBox;
} {
  const kdf: PassphraseKdf = {
    name: "scrypt",
    logN: 16,
    r: 8,
    p: 1,
    salt: randomBytes(16).toString("base64url"),
  };
  const box = boxWithKey(deriveKey(passphrase, kdf));
  return { kdf, check: box.seal(CHECK_PLAINTEXT, CHECK_PURPOSE), box };
}

/** The box that opens an export's secrets; throws WrongPassphraseError when the check value does not open. */
export function openPassphraseSealing(passphrase: string, kdf: PassphraseKdf, check: string): SecretBox {
  const box = boxWithKey(deriveKey(passphrase, kdf));
  try {
    if (box.open(check, CHECK_PURPOSE) === CHECK_PLAINTEXT) return box;
  } catch {
    // fall through
  }
  throw new WrongPassphraseError();
}
