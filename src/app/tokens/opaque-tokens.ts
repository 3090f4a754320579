import { createHash } from "node:crypto";
import type { RandomSource } from "../../ports/random.js";

// Refresh tokens are opaque random handles (no client parses them); only their SHA-256 is stored, which is
// enough for a 384-bit random value. at_hash is OIDC's left half of the access token's SHA-256.

const REFRESH_TOKEN_BYTES = 48;

export const newRefreshTokenValue = (random: RandomSource) =>
  Buffer.from(random.bytes(REFRESH_TOKEN_BYTES)).toString("base64url");

export const hashRefreshToken = (value: string) =>
  createHash("sha256").update(value, "utf8").digest("base64url");

/** Rejects obviously foreign values before any lookup. */
export const looksLikeRefreshToken = (value: string) => /^[A-Za-z0-9_-]{64}$/.test(value);

export function accessTokenHash(accessToken: string): string {
  const digest = createHash("sha256").update(accessToken, "ascii").digest();
  return digest.subarray(0, digest.length / 2).toString("base64url");
}
