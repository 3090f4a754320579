import type { User } from "../../domain/user/user.js";
import type { RandomSource } from "../../ports/random.js";
import type { SecretHasher } from "../../ports/secret-hasher.js";
import type { StorageRepositories } from "../../ports/storage.js";

// Recovery codes (beyond Cognito, docs/mfa.md): ten one-time codes handed out when a TOTP secret is
// verified, each usable once in place of a TOTP code. 10 base32 characters (50 bits) shown as
// "xxxxx-xxxxx"; stored only as keyed hashes bound to the pool and user.

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const RECOVERY_CODE = /^[a-z2-7]{5}-?[a-z2-7]{5}$/;

export const looksLikeRecoveryCode = (value: string): boolean =>
  RECOVERY_CODE.test(value.trim().toLowerCase());

export function hashRecoveryCode(hasher: SecretHasher, user: User, code: string): string {
  const normalized = code.trim().toLowerCase().replace("-", "");
  return hasher.hash(`${user.userPoolId}\u0000${user.sub}\u0000${normalized}`, "mfa-recovery-code");
}

function newRecoveryCode(random: RandomSource): string {
  const chars = Array.from(random.bytes(10), (byte) => ALPHABET[byte & 31] ?? "a").join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Replaces the user's recovery codes by ten new ones; returns them in plain text (shown once). */
export async function issueRecoveryCodes(
  deps: { random: RandomSource; secretHasher: SecretHasher; repositories: StorageRepositories },
  user: User,
  at: Date,
): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode(deps.random));
  await deps.repositories.mfa.replaceRecoveryCodes(
    user.userPoolId,
    user.sub,
    codes.map((code) => hashRecoveryCode(deps.secretHasher, user, code)),
    at,
  );
  return codes;
}
