import { passwordPolicyOf } from "../../domain/auth/password-policy.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { RandomSource } from "../../ports/random.js";

// Generated temporary passwords always satisfy any pool policy: at least 16 characters (or the policy's
// minimum), with a lower-case letter, an upper-case letter, a digit and a symbol, drawn without bias.

const LOWER = "abcdefghijkmnopqrstuvwxyz";
const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS = "23456789";
const SYMBOLS = "!#$%&*+-=?@^_";
const ALL = LOWER + UPPER + DIGITS + SYMBOLS;

/** A uniform index in [0, size) for size ≤ 65536 (rejection sampling over 16-bit draws). */
function randomIndex(random: RandomSource, size: number): number {
  const limit = 65536 - (65536 % size);
  for (;;) {
    const bytes = random.bytes(2);
    const value = ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0);
    if (value < limit) return value % size;
  }
}

const pick = (random: RandomSource, alphabet: string) =>
  alphabet[randomIndex(random, alphabet.length)] as string;

export function generateTemporaryPassword(pool: UserPool, random: RandomSource): string {
  const length = Math.max(16, passwordPolicyOf(pool.settings).MinimumLength ?? 8);
  const characters = [pick(random, LOWER), pick(random, UPPER), pick(random, DIGITS), pick(random, SYMBOLS)];
  while (characters.length < length) characters.push(pick(random, ALL));
  // Shuffle so the required classes are not always first (Fisher–Yates with unbiased draws).
  for (let i = characters.length - 1; i > 0; i--) {
    const j = Number.parseInt(
      pick(random, "0123456789abcdefghijklmnopqrstuvwxyz".slice(0, Math.min(i + 1, 36))),
      36,
    );
    [characters[i], characters[j]] = [characters[j] as string, characters[i] as string];
  }
  return characters.join("");
}

export function temporaryPasswordValidityDays(pool: UserPool): number {
  const policies = pool.settings.Policies;
  const policy =
    policies && typeof policies === "object" && !Array.isArray(policies)
      ? policies.PasswordPolicy
      : undefined;
  const days =
    policy && typeof policy === "object" && !Array.isArray(policy)
      ? policy.TemporaryPasswordValidityDays
      : undefined;
  return typeof days === "number" && days > 0 ? days : 7;
}
