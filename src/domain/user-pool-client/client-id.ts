// Identifier and secret generation for app clients.
// - Client ids are 26 characters of [a-z0-9], as AWS issues them.
// - Generated client secrets are 51 characters of [a-z0-9].
// - Characters come from random bytes by rejection sampling, so every character is equally likely.
// - A secret's id is `<client-id>--<epoch-create-time>` (the format AWS documents; we use milliseconds).

/** Randomness is passed in (domain does no I/O): a source of uniformly random bytes. */
export type RandomBytes = (length: number) => Uint8Array;

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
/** The largest multiple of 36 that fits in a byte: bytes at or above it are rejected to avoid bias. */
const REJECT_FROM = 256 - (256 % ALPHABET.length);

export const CLIENT_ID_LENGTH = 26;
export const CLIENT_SECRET_LENGTH = 51;

export function randomLowerAlphanumeric(randomBytes: RandomBytes, length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length - out.length + 8)) {
      if (byte >= REJECT_FROM) continue;
      out += ALPHABET[byte % ALPHABET.length];
      if (out.length === length) break;
    }
  }
  return out;
}

export const generateClientId = (randomBytes: RandomBytes) =>
  randomLowerAlphanumeric(randomBytes, CLIENT_ID_LENGTH);

export const generateClientSecret = (randomBytes: RandomBytes) =>
  randomLowerAlphanumeric(randomBytes, CLIENT_SECRET_LENGTH);

export const clientSecretId = (clientId: string, createdAt: Date) => `${clientId}--${createdAt.getTime()}`;
